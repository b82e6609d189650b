//! Concurrency on the embedded database: writes queue, they never fail with "locked".

use serde_json::json;

use crate::helpers::spawn_app;

#[tokio::test]
async fn concurrent_registrations_and_edits_all_succeed() {
    let app = spawn_app().await;
    let seed = app.register("seed").await;

    let registrations = (0..12).map(|i| {
        let app = &app;
        async move {
            app.post(
                "/v1/auth/register",
                None,
                json!({"username": format!("crowd{i}"), "email": format!("crowd{i}@example.com"), "password": "crowded room"}),
            )
            .await
        }
    });
    let edits = (0..40).map(|i| {
        let (app, token) = (&app, seed.access.clone());
        async move {
            app.patch(
                "/v1/users/me",
                Some(&token),
                json!({"bio": format!("edit {i}")}),
            )
            .await
        }
    });
    let refreshes = (0..8).map(|_| {
        let app = &app;
        async move { app.login("seed", "correct horse battery staple").await }
    });
    let (registered, edited, logged_in) = tokio::join!(
        futures_util::future::join_all(registrations),
        futures_util::future::join_all(edits),
        futures_util::future::join_all(refreshes)
    );
    for reply in registered.iter().chain(&edited).chain(&logged_in) {
        assert!(
            reply.status.is_success(),
            "{}: {}",
            reply.status,
            reply.body
        );
    }
    let bio = app.me(&seed.access).await.body["bio"].clone();
    assert!(bio.as_str().unwrap().starts_with("edit "), "{bio}");
}
