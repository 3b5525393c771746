from django.urls import path

from . import views

app_name = "bedarf"
urlpatterns = [path("", views.wish, name="wish")]
