//! The HTTP connection loop: a cap on open connections, a header-read timeout, an idle
//! keep-alive timeout, and graceful shutdown.
//!
//! poem's own `Server` has no cap on open connections and no header-read timeout, and its
//! idle timeout is reset by every byte received, so a client that drips one header byte a
//! second keeps its descriptor forever; 2,000 such clients pin 2,000 descriptors. This loop
//! serves the same poem endpoint through hyper with three limits instead:
//!
//! - **At most `max_connections` open at once.** Past the cap the server stops accepting;
//!   new clients wait in the kernel's accept queue (which costs the process no descriptor)
//!   until a connection closes.
//! - **A request head must arrive whole within `header_read_timeout`** of its first byte,
//!   however slowly it trickles in.
//! - **An idle connection** (no request in progress, nothing received) **closes after
//!   `keep_alive_timeout`**, counted from the end of the last response (or from accepting).
//!
//! A request being handled is never cut short by these timers; the request's own limits
//! (body size, the handlers' bounded waits) apply there.

use std::{
    convert::Infallible,
    future::Future,
    io,
    net::SocketAddr,
    pin::Pin,
    sync::{
        Arc,
        atomic::{AtomicU64, AtomicUsize, Ordering},
    },
    task::{Context, Poll},
    time::Duration,
};

use poem::{
    Addr, Endpoint, IntoResponse,
    http::uri::Scheme,
    web::{LocalAddr, RemoteAddr},
};
use tokio::{
    io::{AsyncRead, AsyncWrite, ReadBuf},
    net::{TcpListener, TcpStream},
    sync::{Notify, Semaphore, watch},
    time::Instant,
};

/// How many connections may be open, and how long a connection may idle or dawdle.
#[derive(Debug, Clone, Copy)]
pub struct ConnectionLimits {
    /// Connections open at once; past it the server stops accepting until one closes.
    pub max_connections: usize,
    /// From the first byte of a request head to its last.
    pub header_read_timeout: Duration,
    /// How long a connection with no request in progress stays open.
    pub keep_alive_timeout: Duration,
}

impl Default for ConnectionLimits {
    fn default() -> Self {
        Self {
            max_connections: 1024,
            header_read_timeout: Duration::from_secs(10),
            keep_alive_timeout: Duration::from_secs(75),
        }
    }
}

/// Binds `addr` with an accept queue deep enough to hold a burst while at the cap.
pub fn bind(addr: SocketAddr) -> io::Result<TcpListener> {
    let socket = if addr.is_ipv4() {
        tokio::net::TcpSocket::new_v4()?
    } else {
        tokio::net::TcpSocket::new_v6()?
    };
    socket.set_reuseaddr(true)?;
    socket.bind(addr)?;
    socket.listen(4096)
}

/// Serves `app` on `listener` until `shutdown` resolves; then stops accepting, lets each
/// connection finish the request it is in (up to `grace`), and returns.
pub async fn serve(
    listener: TcpListener,
    app: impl Endpoint + 'static,
    limits: ConnectionLimits,
    shutdown: impl Future<Output = ()> + Send,
    grace: Duration,
) -> io::Result<()> {
    let app = Arc::new(app);
    let local = LocalAddr(Addr::SocketAddr(listener.local_addr()?));
    let max = limits.max_connections.clamp(1, Semaphore::MAX_PERMITS);
    let slots = Arc::new(Semaphore::new(max));
    let (stop, stopping) = watch::channel(false);
    tokio::pin!(shutdown);
    loop {
        let slot = tokio::select! {
            () = &mut shutdown => break,
            slot = Arc::clone(&slots).acquire_owned() => slot.expect("the semaphore is never closed"),
        };
        let (stream, peer) = tokio::select! {
            () = &mut shutdown => break,
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(err) => {
                    // Out of descriptors or a connection reset before accept: not fatal, but
                    // do not spin on it.
                    tracing::warn!(error = %err, "accepting a connection failed");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
        };
        let _ = stream.set_nodelay(true);
        let connection = Connection {
            app: Arc::clone(&app),
            local: local.clone(),
            peer,
            limits,
            stopping: stopping.clone(),
        };
        tokio::spawn(async move {
            connection.serve(stream).await;
            drop(slot);
        });
    }
    drop(listener);
    let _ = stop.send(true);
    // Every connection holds a slot until it ends: having them all back means all are done.
    let all = u32::try_from(max).unwrap_or(u32::MAX);
    if tokio::time::timeout(grace, slots.acquire_many(all))
        .await
        .is_err()
    {
        tracing::warn!(
            grace_seconds = grace.as_secs_f32(),
            "connections still open after the shutdown grace period; closing them"
        );
    }
    Ok(())
}

/// One accepted connection and what it needs to serve requests.
struct Connection<E> {
    app: Arc<E>,
    local: LocalAddr,
    peer: SocketAddr,
    limits: ConnectionLimits,
    stopping: watch::Receiver<bool>,
}

impl<E: Endpoint + 'static> Connection<E> {
    async fn serve(mut self, stream: TcpStream) {
        let activity = Arc::new(Activity::new());
        let service = {
            let activity = Arc::clone(&activity);
            let app = Arc::clone(&self.app);
            let local = self.local.clone();
            let remote = RemoteAddr(Addr::SocketAddr(self.peer));
            hyper::service::service_fn(move |request: hyper::Request<hyper::body::Incoming>| {
                let in_progress = activity.request_started();
                let app = Arc::clone(&app);
                let request =
                    poem::Request::from((request, local.clone(), remote.clone(), Scheme::HTTP));
                async move {
                    let response = match app.call(request).await {
                        Ok(output) => output.into_response(),
                        Err(err) => err.into_response(),
                    };
                    drop(in_progress);
                    Ok::<_, Infallible>(hyper::Response::from(response))
                }
            })
        };
        let io = Watched {
            inner: stream,
            activity: Arc::clone(&activity),
        };
        let builder =
            hyper_util::server::conn::auto::Builder::new(hyper_util::rt::TokioExecutor::new());
        let connection =
            builder.serve_connection_with_upgrades(hyper_util::rt::TokioIo::new(io), service);
        tokio::pin!(connection);
        let mut shutting_down = *self.stopping.borrow();
        if shutting_down {
            connection.as_mut().graceful_shutdown();
        }
        loop {
            let deadline = activity.deadline(&self.limits);
            tokio::select! {
                _ = connection.as_mut() => return,
                () = activity.changed() => {}
                () = sleep_until(deadline) => {
                    if let Some(why) = activity.expired(&self.limits) {
                        tracing::debug!(peer = %self.peer, why, "closing connection");
                        return; // dropping the connection closes the socket
                    }
                }
                _ = self.stopping.changed(), if !shutting_down => {
                    shutting_down = true;
                    connection.as_mut().graceful_shutdown();
                }
            }
        }
    }
}

async fn sleep_until(deadline: Option<Instant>) {
    match deadline {
        Some(deadline) => tokio::time::sleep_until(deadline).await,
        None => std::future::pending().await,
    }
}

/// What a connection is doing, as seen from its bytes and its requests.
///
/// Times are milliseconds since the connection was accepted, plus one, so that 0 means "not
/// started".
struct Activity {
    accepted: Instant,
    in_progress: AtomicUsize,
    /// When the first byte of the next request head arrived (0: none yet).
    head_started: AtomicU64,
    /// When the connection last became idle: accepted, or a response was handed over.
    idle_since: AtomicU64,
    changed: Notify,
}

impl Activity {
    fn new() -> Self {
        Self {
            accepted: Instant::now(),
            in_progress: AtomicUsize::new(0),
            head_started: AtomicU64::new(0),
            idle_since: AtomicU64::new(1),
            changed: Notify::new(),
        }
    }

    fn now(&self) -> u64 {
        u64::try_from(self.accepted.elapsed().as_millis())
            .unwrap_or(u64::MAX - 1)
            .saturating_add(1)
    }

    fn at(&self, stamp: u64) -> Instant {
        self.accepted + Duration::from_millis(stamp.saturating_sub(1))
    }

    /// Bytes arrived: if no request is in progress, a request head has begun.
    fn received(&self) {
        if self.in_progress.load(Ordering::Acquire) == 0
            && self
                .head_started
                .compare_exchange(0, self.now(), Ordering::AcqRel, Ordering::Acquire)
                .is_ok()
        {
            self.changed.notify_one();
        }
    }

    /// Bytes left while no request is in progress (a response still being flushed to a slow
    /// reader): that is progress, so the idle clock starts again.
    fn sent(&self) {
        if self.in_progress.load(Ordering::Acquire) == 0 {
            self.idle_since.store(self.now(), Ordering::Release);
        }
    }

    fn request_started(self: &Arc<Self>) -> InProgress {
        self.in_progress.fetch_add(1, Ordering::AcqRel);
        self.head_started.store(0, Ordering::Release);
        self.changed.notify_one();
        InProgress(Arc::clone(self))
    }

    fn changed(&self) -> impl Future<Output = ()> + '_ {
        self.changed.notified()
    }

    /// When the connection should be closed if nothing happens before then.
    fn deadline(&self, limits: &ConnectionLimits) -> Option<Instant> {
        if self.in_progress.load(Ordering::Acquire) > 0 {
            return None;
        }
        Some(match self.head_started.load(Ordering::Acquire) {
            0 => self.at(self.idle_since.load(Ordering::Acquire)) + limits.keep_alive_timeout,
            started => self.at(started) + limits.header_read_timeout,
        })
    }

    /// Why the connection should close now, if it should.
    fn expired(&self, limits: &ConnectionLimits) -> Option<&'static str> {
        let deadline = self.deadline(limits)?;
        if Instant::now() < deadline {
            return None;
        }
        Some(match self.head_started.load(Ordering::Acquire) {
            0 => "idle past the keep-alive timeout",
            _ => "request head not received within the header-read timeout",
        })
    }
}

/// A request being handled; dropping it (the response is ready) makes the connection idle.
struct InProgress(Arc<Activity>);

impl Drop for InProgress {
    fn drop(&mut self) {
        let activity = &self.0;
        activity.idle_since.store(activity.now(), Ordering::Release);
        activity.in_progress.fetch_sub(1, Ordering::AcqRel);
        activity.changed.notify_one();
    }
}

/// The socket, reporting its reads and writes to the connection's [`Activity`].
struct Watched {
    inner: TcpStream,
    activity: Arc<Activity>,
}

impl AsyncRead for Watched {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let before = buf.filled().len();
        let polled = Pin::new(&mut self.inner).poll_read(cx, buf);
        if matches!(polled, Poll::Ready(Ok(()))) && buf.filled().len() > before {
            self.activity.received();
        }
        polled
    }
}

impl AsyncWrite for Watched {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let polled = Pin::new(&mut self.inner).poll_write(cx, buf);
        if matches!(polled, Poll::Ready(Ok(n)) if n > 0) {
            self.activity.sent();
        }
        polled
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let polled = Pin::new(&mut self.inner).poll_write_vectored(cx, bufs);
        if matches!(polled, Poll::Ready(Ok(n)) if n > 0) {
            self.activity.sent();
        }
        polled
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limits() -> ConnectionLimits {
        ConnectionLimits {
            max_connections: 1,
            header_read_timeout: Duration::from_secs(2),
            keep_alive_timeout: Duration::from_secs(5),
        }
    }

    #[tokio::test(start_paused = true)]
    async fn an_idle_connection_expires_after_the_keep_alive_timeout() {
        let activity = Activity::new();
        tokio::time::advance(Duration::from_millis(4_900)).await;
        assert_eq!(activity.expired(&limits()), None);
        tokio::time::advance(Duration::from_millis(200)).await;
        assert_eq!(
            activity.expired(&limits()),
            Some("idle past the keep-alive timeout")
        );
    }

    #[tokio::test(start_paused = true)]
    async fn a_head_is_timed_from_its_first_byte_however_it_trickles() {
        let activity = Activity::new();
        tokio::time::advance(Duration::from_secs(1)).await;
        activity.received();
        for _ in 0..19 {
            tokio::time::advance(Duration::from_millis(100)).await;
            activity.received(); // more bytes do not extend the deadline
        }
        assert_eq!(
            activity.expired(&limits()),
            None,
            "2 s after the first byte"
        );
        tokio::time::advance(Duration::from_millis(100)).await;
        assert_eq!(
            activity.expired(&limits()),
            Some("request head not received within the header-read timeout")
        );
    }

    #[tokio::test(start_paused = true)]
    async fn a_request_in_progress_is_never_timed_out_and_its_end_restarts_the_idle_clock() {
        let activity = Arc::new(Activity::new());
        activity.received();
        let request = activity.request_started();
        tokio::time::advance(Duration::from_secs(60)).await;
        assert_eq!(activity.deadline(&limits()), None);
        drop(request);
        assert_eq!(activity.expired(&limits()), None);
        tokio::time::advance(Duration::from_millis(5_100)).await;
        assert_eq!(
            activity.expired(&limits()),
            Some("idle past the keep-alive timeout")
        );
    }
}
