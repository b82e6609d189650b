//! The service as a separate process (`profilehub` binary): for what only a process shows,
//! such as its open descriptors, its log lines and its reading of `.env`.

use std::{
    net::SocketAddr,
    process::Stdio,
    time::{Duration, Instant},
};

use tokio::{
    io::{AsyncReadExt, AsyncWriteExt},
    net::TcpStream,
};

/// `profilehub serve` in a child process on a fresh SQLite file.
pub struct ServiceProcess {
    child: tokio::process::Child,
    pub address: SocketAddr,
    dir: std::path::PathBuf,
}

impl ServiceProcess {
    pub async fn start(flags: &[&str]) -> Self {
        let dir = std::env::temp_dir().join(format!("profilehub-conn-{}", uuid::Uuid::new_v4()));
        std::fs::create_dir_all(&dir).unwrap();
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        let address: SocketAddr = format!("127.0.0.1:{port}").parse().unwrap();
        let child = tokio::process::Command::new(env!("CARGO_BIN_EXE_profilehub"))
            .arg("serve")
            .args(["--bind", &address.to_string()])
            .args([
                "--database-url",
                &format!("sqlite://{}", dir.join("conn.db").display()),
            ])
            .args([
                "--jwt-secret",
                "connection-test-secret-of-sufficient-length",
            ])
            .args(["--refresh-schedule", "off"])
            .args(flags)
            .args(["--log-format", "json"])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(dir.join("stderr.log")).expect("a log file"))
            .kill_on_drop(true)
            .spawn()
            .expect("the binary starts");
        let service = Self {
            child,
            address,
            dir,
        };
        let started = Instant::now();
        while !service.answers_health_check().await {
            assert!(
                started.elapsed() < Duration::from_secs(30),
                "the service did not become ready"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        service
    }

    pub async fn answers_health_check(&self) -> bool {
        let Ok(Ok(mut stream)) =
            tokio::time::timeout(Duration::from_secs(5), TcpStream::connect(self.address)).await
        else {
            return false;
        };
        let request = "GET /healthz HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n";
        if stream.write_all(request.as_bytes()).await.is_err() {
            return false;
        }
        let mut reply = Vec::new();
        let read = tokio::time::timeout(Duration::from_secs(5), stream.read_to_end(&mut reply));
        matches!(read.await, Ok(Ok(_))) && reply.starts_with(b"HTTP/1.1 200")
    }

    /// The JSON log lines written so far.
    pub fn log_lines(&self) -> Vec<serde_json::Value> {
        std::fs::read_to_string(self.dir.join("stderr.log"))
            .unwrap_or_default()
            .lines()
            .filter_map(|line| serde_json::from_str(line).ok())
            .collect()
    }

    pub fn base_url(&self) -> String {
        format!("http://{}", self.address)
    }

    pub fn open_descriptors(&self) -> usize {
        let pid = self.child.id().expect("still running");
        std::fs::read_dir(format!("/proc/{pid}/fd"))
            .expect("the service's descriptors are listed in /proc")
            .count()
    }
}

impl Drop for ServiceProcess {
    fn drop(&mut self) {
        let _ = self.child.start_kill();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}
