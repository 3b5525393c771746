"""Participants' quality ratings of offers and events, by personal one-time links, with moderated comments
and public answers from providers. A new app: ratings are neither page content nor registrations."""
