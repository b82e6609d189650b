//! The main user journeys through the Rust SDK generated from `openapi/openapi.json`:
//! proof that the published contract yields a working client.

use profilehub_client::{
    Client, authenticated,
    patch::{Field, SocialLinksUpdate, UpdateUserRequest},
    types,
};

use crate::helpers::spawn_app;

#[tokio::test]
async fn a_user_registers_edits_clears_refreshes_and_logs_out_through_the_sdk() {
    let app = spawn_app().await;
    let anonymous = Client::new(&app.base);

    let session = anonymous
        .register_user()
        .body(types::RegisterRequest {
            username: "sdk_user".parse().unwrap(),
            email: "sdk@example.com".parse().unwrap(),
            password: "generated clients work".parse().unwrap(),
            name: Some("SDK User".parse().unwrap()),
            referrer_handle: None,
            referral_code: None,
        })
        .send()
        .await
        .expect("registration succeeds")
        .into_inner();
    assert_eq!(session.user.username, "sdk_user");
    let me = authenticated(&app.base, &session.tokens.access_token);

    let edited = me
        .update_current_user()
        .body(UpdateUserRequest {
            bio: Field::Set("Written by a generated client".into()),
            location: Field::Set("Lisbon".into()),
            social: Some(SocialLinksUpdate {
                github: Field::Set("https://github.com/sdk".into()),
                ..Default::default()
            }),
            ..Default::default()
        })
        .send()
        .await
        .expect("the edit is accepted")
        .into_inner();
    assert_eq!(edited.bio.as_deref(), Some("Written by a generated client"));
    assert_eq!(
        edited.social.github.as_deref(),
        Some("https://github.com/sdk")
    );

    let cleared = me
        .update_current_user()
        .body(UpdateUserRequest {
            bio: Field::Clear,
            social: Some(SocialLinksUpdate {
                github: Field::Clear,
                ..Default::default()
            }),
            ..Default::default()
        })
        .send()
        .await
        .expect("clearing is accepted")
        .into_inner();
    assert_eq!(cleared.bio, None, "null cleared the bio");
    assert_eq!(cleared.social.github, None);
    assert_eq!(
        cleared.location.as_deref(),
        Some("Lisbon"),
        "absent field kept"
    );

    let public = anonymous
        .get_profile()
        .username("SDK_USER")
        .send()
        .await
        .expect("the public profile is readable")
        .into_inner();
    assert_eq!(public.location.as_deref(), Some("Lisbon"));

    let fresh = anonymous
        .refresh_session()
        .body(types::RefreshRequest {
            refresh_token: session.tokens.refresh_token.parse().unwrap(),
        })
        .send()
        .await
        .expect("refresh works")
        .into_inner();
    let me = authenticated(&app.base, &fresh.access_token);
    me.logout_session().send().await.expect("logout works");

    let refused = me.get_current_user().send().await.expect_err("logged out");
    let status = refused.status().map(|s| s.as_u16());
    assert_eq!(status, Some(401));
    match refused {
        profilehub_client::Error::ErrorResponse(body) => {
            assert_eq!(body.code, types::ErrorCode::GenericUnauthorized);
        }
        other => panic!("expected a typed error body, got {other:?}"),
    }
}

#[tokio::test]
async fn a_user_logs_in_and_reads_users_by_id_through_the_sdk() {
    let app = spawn_app().await;
    let owner = app.register("sdk_owner").await;
    let client = Client::new(&app.base);

    let session = client
        .login_user()
        .body(types::LoginRequest {
            login: "SDK_OWNER@example.com".parse().unwrap(),
            password: owner.password.parse().unwrap(),
        })
        .send()
        .await
        .expect("login works")
        .into_inner();
    let id: uuid::Uuid = owner.id.parse().unwrap();

    let public = client
        .get_user()
        .user_id(id)
        .send()
        .await
        .unwrap()
        .into_inner();
    assert!(
        matches!(public, types::UserView::PublicProfile(_)),
        "{public:?}"
    );
    let own = authenticated(&app.base, &session.tokens.access_token)
        .get_user()
        .user_id(id)
        .send()
        .await
        .unwrap()
        .into_inner();
    assert!(matches!(own, types::UserView::SelfUser(_)), "{own:?}");

    let wrong = client
        .login_user()
        .body(types::LoginRequest {
            login: "sdk_owner".parse().unwrap(),
            password: "wrong password".parse().unwrap(),
        })
        .send()
        .await
        .expect_err("wrong password");
    match wrong {
        profilehub_client::Error::ErrorResponse(body) => {
            assert_eq!(body.code, types::ErrorCode::InvalidCredentials);
        }
        other => panic!("expected a typed error body, got {other:?}"),
    }
}
