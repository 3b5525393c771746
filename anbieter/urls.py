from django.urls import path

from . import views

app_name = "anbieter"
urlpatterns = [
    path("", views.anbieter_index, name="index"),
    path("<slug:slug>/", views.anbieter_detail, name="detail"),
]
