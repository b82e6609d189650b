"""Contains all the data models used in inputs/outputs"""

from .admin_session import AdminSession
from .admin_session_page import AdminSessionPage
from .admin_user import AdminUser
from .admin_user_page import AdminUserPage
from .admin_user_update import AdminUserUpdate
from .admin_user_update_attributes import AdminUserUpdateAttributes
from .audit_page import AuditPage
from .audit_record import AuditRecord
from .audit_record_changes import AuditRecordChanges
from .auth_session import AuthSession
from .board_entry import BoardEntry
from .board_name import BoardName
from .board_standing import BoardStanding
from .contest_history_page import ContestHistoryPage
from .contest_rating import ContestRating
from .digitomize_board_ratings import DigitomizeBoardRatings
from .digitomize_error import DigitomizeError
from .digitomize_github import DigitomizeGithub
from .digitomize_leaderboard import DigitomizeLeaderboard
from .digitomize_leaderboard_row import DigitomizeLeaderboardRow
from .digitomize_personal_data import DigitomizePersonalData
from .digitomize_platform_rating import DigitomizePlatformRating
from .digitomize_position import DigitomizePosition
from .digitomize_profile import DigitomizeProfile
from .digitomize_ratings import DigitomizeRatings
from .digitomize_social import DigitomizeSocial
from .error_body import ErrorBody
from .error_body_fields import ErrorBodyFields
from .error_code import ErrorCode
from .field_visibility import FieldVisibility
from .field_visibility_update import FieldVisibilityUpdate
from .follow_page import FollowPage
from .followed_user import FollowedUser
from .forgot_password_request import ForgotPasswordRequest
from .get_rating_card_theme import GetRatingCardTheme
from .get_rating_history_chart_theme import GetRatingHistoryChartTheme
from .handle_not_found_data import HandleNotFoundData
from .handle_not_found_notification import HandleNotFoundNotification
from .health import Health
from .leaderboard_page import LeaderboardPage
from .linked_handle_view import LinkedHandleView
from .list_counts import ListCounts
from .list_item_page import ListItemPage
from .list_item_request import ListItemRequest
from .list_item_view import ListItemView
from .list_leaderboard_scope import ListLeaderboardScope
from .list_name import ListName
from .login_request import LoginRequest
from .mark_read_request import MarkReadRequest
from .mark_read_result import MarkReadResult
from .neighbours import Neighbours
from .new_follower_data import NewFollowerData
from .new_follower_notification import NewFollowerNotification
from .notice import Notice
from .notification_actor import NotificationActor
from .notification_page import NotificationPage
from .notification_view_handle_not_found_notification import NotificationViewHandleNotFoundNotification
from .notification_view_handle_not_found_notification_type import NotificationViewHandleNotFoundNotificationType
from .notification_view_new_follower_notification import NotificationViewNewFollowerNotification
from .notification_view_new_follower_notification_type import NotificationViewNewFollowerNotificationType
from .notification_view_rating_changed_notification import NotificationViewRatingChangedNotification
from .notification_view_rating_changed_notification_type import NotificationViewRatingChangedNotificationType
from .notification_view_referral_joined_notification import NotificationViewReferralJoinedNotification
from .notification_view_referral_joined_notification_type import NotificationViewReferralJoinedNotificationType
from .password_change import PasswordChange
from .platform_name import PlatformName
from .platform_rating import PlatformRating
from .public_profile import PublicProfile
from .rating_changed_data import RatingChangedData
from .rating_changed_notification import RatingChangedNotification
from .rating_status import RatingStatus
from .ratings import Ratings
from .referral_joined_data import ReferralJoinedData
from .referral_joined_notification import ReferralJoinedNotification
from .referral_page import ReferralPage
from .referred_user import ReferredUser
from .refresh_queued import RefreshQueued
from .refresh_request import RefreshRequest
from .register_request import RegisterRequest
from .relationship_view import RelationshipView
from .relationships import Relationships
from .required_action_name import RequiredActionName
from .reset_password_request import ResetPasswordRequest
from .role_name import RoleName
from .self_user import SelfUser
from .self_user_attributes import SelfUserAttributes
from .self_user_projection import SelfUserProjection
from .self_user_projection_attributes import SelfUserProjectionAttributes
from .set_handle_request import SetHandleRequest
from .social_links import SocialLinks
from .social_links_update import SocialLinksUpdate
from .token_pair import TokenPair
from .token_type import TokenType
from .unread_count import UnreadCount
from .update_user_request import UpdateUserRequest
from .user_count import UserCount
from .user_view_public_profile import UserViewPublicProfile
from .user_view_public_profile_view import UserViewPublicProfileView
from .user_view_self_user import UserViewSelfUser
from .user_view_self_user_view import UserViewSelfUserView
from .verification_mail import VerificationMail
from .verify_email_request import VerifyEmailRequest

__all__ = (
    "AdminSession",
    "AdminSessionPage",
    "AdminUser",
    "AdminUserPage",
    "AdminUserUpdate",
    "AdminUserUpdateAttributes",
    "AuditPage",
    "AuditRecord",
    "AuditRecordChanges",
    "AuthSession",
    "BoardEntry",
    "BoardName",
    "BoardStanding",
    "ContestHistoryPage",
    "ContestRating",
    "DigitomizeBoardRatings",
    "DigitomizeError",
    "DigitomizeGithub",
    "DigitomizeLeaderboard",
    "DigitomizeLeaderboardRow",
    "DigitomizePersonalData",
    "DigitomizePlatformRating",
    "DigitomizePosition",
    "DigitomizeProfile",
    "DigitomizeRatings",
    "DigitomizeSocial",
    "ErrorBody",
    "ErrorBodyFields",
    "ErrorCode",
    "FieldVisibility",
    "FieldVisibilityUpdate",
    "FollowedUser",
    "FollowPage",
    "ForgotPasswordRequest",
    "GetRatingCardTheme",
    "GetRatingHistoryChartTheme",
    "HandleNotFoundData",
    "HandleNotFoundNotification",
    "Health",
    "LeaderboardPage",
    "LinkedHandleView",
    "ListCounts",
    "ListItemPage",
    "ListItemRequest",
    "ListItemView",
    "ListLeaderboardScope",
    "ListName",
    "LoginRequest",
    "MarkReadRequest",
    "MarkReadResult",
    "Neighbours",
    "NewFollowerData",
    "NewFollowerNotification",
    "Notice",
    "NotificationActor",
    "NotificationPage",
    "NotificationViewHandleNotFoundNotification",
    "NotificationViewHandleNotFoundNotificationType",
    "NotificationViewNewFollowerNotification",
    "NotificationViewNewFollowerNotificationType",
    "NotificationViewRatingChangedNotification",
    "NotificationViewRatingChangedNotificationType",
    "NotificationViewReferralJoinedNotification",
    "NotificationViewReferralJoinedNotificationType",
    "PasswordChange",
    "PlatformName",
    "PlatformRating",
    "PublicProfile",
    "RatingChangedData",
    "RatingChangedNotification",
    "Ratings",
    "RatingStatus",
    "ReferralJoinedData",
    "ReferralJoinedNotification",
    "ReferralPage",
    "ReferredUser",
    "RefreshQueued",
    "RefreshRequest",
    "RegisterRequest",
    "Relationships",
    "RelationshipView",
    "RequiredActionName",
    "ResetPasswordRequest",
    "RoleName",
    "SelfUser",
    "SelfUserAttributes",
    "SelfUserProjection",
    "SelfUserProjectionAttributes",
    "SetHandleRequest",
    "SocialLinks",
    "SocialLinksUpdate",
    "TokenPair",
    "TokenType",
    "UnreadCount",
    "UpdateUserRequest",
    "UserCount",
    "UserViewPublicProfile",
    "UserViewPublicProfileView",
    "UserViewSelfUser",
    "UserViewSelfUserView",
    "VerificationMail",
    "VerifyEmailRequest",
)
