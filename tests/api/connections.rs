//! Connection exhaustion (slowloris): clients that connect and then send nothing, or drip a
//! request head one byte at a time, must not pin the server's descriptors. The service runs
//! as its own process here, so that its open descriptors can be counted in `/proc`.

use std::time::Duration;

use tokio::{
    io::{AsyncReadExt, AsyncWriteExt},
    net::TcpStream,
    task::JoinSet,
};

use crate::process::ServiceProcess;

/// Waits until the server closes `stream`: end of stream or a reset.
async fn until_closed_by_server(mut stream: TcpStream) {
    let mut buf = [0u8; 1024];
    loop {
        match stream.read(&mut buf).await {
            Ok(0) | Err(_) => return,
            Ok(_) => {}
        }
    }
}

/// Sends a request head one byte every 200 ms, forever, until the server closes it.
async fn drip_until_closed(mut stream: TcpStream) {
    if stream
        .write_all(b"GET /healthz HTTP/1.1\r\nHost: t\r\nX-Drip: ")
        .await
        .is_err()
    {
        return;
    }
    let mut buf = [0u8; 1024];
    loop {
        tokio::select! {
            read = stream.read(&mut buf) => match read {
                Ok(0) | Err(_) => return,
                Ok(_) => {}
            },
            () = tokio::time::sleep(Duration::from_millis(200)) => {
                if stream.write_all(b"a").await.is_err() {
                    return;
                }
            }
        }
    }
}

#[tokio::test]
async fn two_thousand_idle_and_dripping_clients_never_hold_more_descriptors_than_the_cap() {
    if std::env::var_os("TEST_DATABASE_URL").is_some() {
        return; // no database involved: the SQLite run covers it, once is enough
    }
    const CAP: usize = 100;
    let service = ServiceProcess::start(&[
        "--max-connections",
        &CAP.to_string(),
        "--header-read-timeout",
        "1s",
        "--keep-alive-timeout",
        "1s",
    ])
    .await;
    let baseline = service.open_descriptors();

    let mut clients = JoinSet::new();
    for i in 0..2_000 {
        let stream = TcpStream::connect(service.address)
            .await
            .expect("the kernel queues the connection even when the server is at its cap");
        if i % 2 == 0 {
            clients.spawn(until_closed_by_server(stream));
        } else {
            clients.spawn(drip_until_closed(stream));
        }
    }

    // While they are all connected and dripping, the server holds at most the cap.
    let mut peak = 0;
    for _ in 0..30 {
        peak = peak.max(service.open_descriptors());
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(
        peak <= baseline + CAP + 10,
        "{peak} descriptors open, {baseline} before the clients came"
    );

    // Every one of them is closed by the server: the idle ones by the keep-alive timeout,
    // the dripping ones by the header-read timeout however steadily they drip.
    let all_closed = tokio::time::timeout(Duration::from_secs(180), async {
        while clients.join_next().await.is_some() {}
    })
    .await;
    assert!(
        all_closed.is_ok(),
        "{} clients are still connected",
        clients.len()
    );

    // Then a well-behaved client is served, and the descriptors are back.
    assert!(service.answers_health_check().await);
    let after = service.open_descriptors();
    assert!(
        after <= baseline + 2,
        "{after} descriptors open after the clients left, {baseline} before"
    );
}

#[tokio::test]
async fn a_keep_alive_connection_is_reused_within_the_timeout() {
    let service = ServiceProcess::start(&["--keep-alive-timeout", "5s"]).await;
    let mut stream = TcpStream::connect(service.address).await.unwrap();
    for _ in 0..3 {
        stream
            .write_all(b"GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n")
            .await
            .unwrap();
        let mut buf = [0u8; 4096];
        let n = stream.read(&mut buf).await.unwrap();
        assert!(buf[..n].starts_with(b"HTTP/1.1 200"), "{:?}", &buf[..n]);
        tokio::time::sleep(Duration::from_millis(300)).await;
    }
}
