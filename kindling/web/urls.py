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

# ------------------------------------------------------------------------------------------------------------
# Moderation & safety pages (kindling/web/views_moderation.py, kindling/web/views_safety.py).
# ------------------------------------------------------------------------------------------------------------
from kindling.web import views_moderation, views_safety  # noqa: E402

urlpatterns += [
    # Moderators
    path("moderation/", views_moderation.console, name="moderation"),
    path("moderation/bulk/", views_moderation.bulk_decide, name="moderation_bulk"),
    path("moderation/items/<int:item_id>/", views_moderation.item_detail, name="moderation_item"),
    path("moderation/items/<int:item_id>/claim/", views_moderation.item_claim, name="moderation_claim"),
    path("moderation/items/<int:item_id>/note/", views_moderation.item_note, name="moderation_note"),
    path("moderation/items/<int:item_id>/decide/", views_moderation.item_decide, name="moderation_decide"),
    path("moderation/appeals/", views_moderation.appeals, name="moderation_appeals"),
    path("moderation/appeals/<int:appeal_id>/decide/", views_moderation.appeal_decide, name="moderation_appeal_decide"),
    # Everyone
    path("notifications/", views_safety.notifications, name="notifications"),
    path("notifications/read/", views_safety.notifications_read, name="notifications_read"),
    path("decisions/<int:decision_id>/", views_safety.decision_detail, name="decision"),
    path("decisions/<int:decision_id>/appeal/", views_safety.appeal_create, name="appeal_create"),
    path("appeals/<int:appeal_id>/", views_safety.appeal_detail, name="appeal"),
    path("reports/", views_safety.report_create, name="report_create"),
    path("reports/<int:report_id>/", views_safety.report_detail, name="report"),
    path("u/<str:username>/mute/", views_safety.mute, name="mute"),
    path("u/<str:username>/unmute/", views_safety.unmute, name="unmute"),
    path("settings/safety/", views_safety.settings_safety, name="settings_safety"),
    path("settings/safety/hidden-words/", views_safety.hidden_word_add_view, name="hidden_word_add"),
    path("settings/safety/hidden-words/<int:word_id>/delete/", views_safety.hidden_word_delete_view, name="hidden_word_delete"),
    path("c/<int:comment_id>/approve/", views_safety.comment_approve_view, name="comment_approve"),
    path("c/<int:comment_id>/hide/", views_safety.comment_hide_view, name="comment_hide"),
    path("c/<int:comment_id>/unhide/", views_safety.comment_unhide_view, name="comment_unhide"),
    path("p/<int:post_id>/resubmit/", views_safety.post_resubmit_view, name="post_resubmit"),
]
# ----------------------------------------------------------------------------- end of moderation & safety

# ---------------------------------------------- challenges, Discover, hashtag reach, collections, compliments
# (views in kindling/web/views_challenges.py, owned by the challenges engineer)
from kindling.web import views_challenges  # noqa: E402

urlpatterns += [
    path("discover/", views_challenges.discover, name="discover"),
    path("challenges/", views_challenges.challenge_list, name="challenges"),
    path("challenges/new/", views_challenges.challenge_new, name="challenge_new"),
    path("challenges/<slug:slug>/", views_challenges.challenge_detail, name="challenge"),
    path("challenges/<slug:slug>/join/", views_challenges.challenge_join, name="challenge_join"),
    path("challenges/<slug:slug>/review/", views_challenges.challenge_review, name="challenge_review"),
    path("challenges/<slug:slug>/feature/<int:post_id>/", views_challenges.challenge_feature_entry, name="challenge_feature"),
    path("collections/<slug:slug>/", views_challenges.collection, name="collection"),
    path("t/<str:tag>/reach/", views_challenges.hashtag_reach_page, name="hashtag_reach"),
    path("kindness/inbox/", views_challenges.kindness_inbox, name="kindness_inbox"),
    path("kindness/compliment/<str:username>/", views_challenges.compliment_new, name="compliment_new"),
    path("kindness/<int:compliment_id>/<str:action>/", views_challenges.compliment_answer, name="compliment_answer"),
    path("kindness/u/<str:username>/", views_challenges.compliments_profile, name="compliments_profile"),
]
# ---------------------------------------------------------------------------------- end of challenges
