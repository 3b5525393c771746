from django.urls import path

from . import views

app_name = "anmeldung"
urlpatterns = [
    path("<int:page_id>/", views.register, name="register"),
    path("<int:page_id>/formular/", views.registration_box, name="box"),
    path("abmelden/<str:token>/", views.cancel, name="cancel"),
    path("kalender/<str:token>/", views.registration_calendar, name="calendar"),
    path("daten-loeschen/", views.delete_data_request, name="delete_data_request"),
    path("daten-loeschen/<str:token>/", views.delete_data, name="delete_data"),
]
