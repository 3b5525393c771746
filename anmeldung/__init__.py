"""Registration (Anmeldung) for offers and events with seats, a waiting list, cancellation by signed link,
minimum participants, registration on someone's behalf and retention of participants' data.

A new app: no existing app owns people who take part — pages (bildungsboerse, kalender) describe offers,
anbieter is about organisations, and this data has its own lifecycle (retention, deletion requests).
"""
