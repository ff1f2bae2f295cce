from django.urls import path

from kindling.web import views

app_name = "web"
urlpatterns = [
    path("", views.home, name="home"),
    path("signup/", views.signup, name="signup"),
    path("login/", views.login_view, name="login"),
    path("logout/", views.logout_view, name="logout"),
    path("compose/", views.compose, name="compose"),
    path("p/<int:post_id>/", views.post_detail, name="post"),
    path("p/<int:post_id>/delete/", views.post_delete_view, name="post_delete"),
    path("p/<int:post_id>/like/", views.like, name="like"),
    path("p/<int:post_id>/unlike/", views.unlike, name="unlike"),
    path("p/<int:post_id>/share/", views.share, name="share"),
    path("p/<int:post_id>/show-less/", views.show_less, name="show_less"),
    path("p/<int:post_id>/comment/", views.comment, name="comment"),
    path("c/<int:comment_id>/delete/", views.comment_delete_view, name="comment_delete"),
    path("u/<str:username>/", views.profile, name="profile"),
    path("u/<str:username>/follow/", views.follow, name="follow"),
    path("u/<str:username>/unfollow/", views.unfollow, name="unfollow"),
    path("u/<str:username>/block/", views.block, name="block"),
    path("u/<str:username>/unblock/", views.unblock, name="unblock"),
    path("t/<str:tag>/", views.hashtag, name="hashtag"),
    path("settings/profile/", views.settings_profile, name="settings_profile"),
    path("settings/requests/", views.settings_requests, name="settings_requests"),
]
