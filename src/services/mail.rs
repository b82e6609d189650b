//! Sending mail: the outbox's sender and its transports.
//!
//! Mail is written to the outbox in the transaction of what it announces
//! (`store::mail`); a background sender claims due mail with a lease (so several
//! instances never send one mail at once), sends it, and retries failures with an
//! exponential backoff, giving up (and emptying the body) after [`MAX_ATTEMPTS`]. The transport is SMTP (`lettre`) when `--smtp-url` is set;
//! otherwise a development transport writes each mail to the log — without its body
//! (which may carry a code) unless `--dev-mail-log` asks for it.

use std::{sync::Arc, time::Duration};

use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor, message::Mailbox};

use super::{
    millis,
    store::{Store, mail::Mail, now_ms},
};

/// How mail leaves.
#[derive(Debug, Clone, Default)]
pub struct MailSettings {
    /// `smtp://user:password@host:port`, `smtps://…` or `smtp://…?tls=required`; `None`
    /// logs mail instead.
    pub smtp_url: Option<String>,
    /// The `From` address.
    pub from: String,
    /// With the log transport, log each mail's body (codes included): development only.
    pub log_bodies: bool,
}

/// The way out.
#[derive(Clone)]
enum Transport {
    Smtp(Arc<AsyncSmtpTransport<Tokio1Executor>>),
    Log { bodies: bool },
}

/// The outbox's sender.
#[derive(Clone)]
pub struct Mailer {
    store: Store,
    transport: Transport,
    from: Mailbox,
    owner: String,
}

impl std::fmt::Debug for Mailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let transport = match &self.transport {
            Transport::Smtp(_) => "smtp",
            Transport::Log { .. } => "log",
        };
        f.debug_struct("Mailer")
            .field("transport", &transport)
            .finish_non_exhaustive()
    }
}

/// Longest a claimed mail stays claimed before another sender may take it: longer than a
/// whole batch can take ([`BATCH`] × [`SMTP_TIMEOUT`]), so no mail is sent twice at once.
const LEASE: Duration = Duration::from_secs(120);
/// Mails claimed at a time.
const BATCH: i64 = 5;
/// Longest one SMTP conversation may take.
const SMTP_TIMEOUT: Duration = Duration::from_secs(20);
/// Attempts after which a mail is given up (5 s doubling: about 21 minutes, past any
/// code's default lifetime).
const MAX_ATTEMPTS: i64 = 8;
/// First retry delay; doubles per failed attempt up to [`MAX_BACKOFF`].
const FIRST_BACKOFF: Duration = Duration::from_secs(5);
/// Longest retry delay.
const MAX_BACKOFF: Duration = Duration::from_secs(3600);
/// How often the sender looks for due mail.
const POLL: Duration = Duration::from_millis(500);

impl Mailer {
    /// A sender for `settings` (an SMTP URL that does not parse is an error).
    pub(crate) fn new(store: Store, settings: &MailSettings) -> Result<Self, String> {
        let transport = match &settings.smtp_url {
            Some(url) => Transport::Smtp(Arc::new(
                AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
                    .map_err(|e| format!("--smtp-url: {e}"))?
                    .timeout(Some(SMTP_TIMEOUT))
                    .build(),
            )),
            None => Transport::Log {
                bodies: settings.log_bodies,
            },
        };
        let from = settings
            .from
            .parse()
            .map_err(|e| format!("--mail-from `{}`: {e}", settings.from))?;
        Ok(Self {
            store,
            transport,
            from,
            owner: format!("mailer-{}", uuid::Uuid::new_v4().simple()),
        })
    }

    /// Sends what is due now; returns how many were sent.
    pub async fn send_due(&self) -> Result<usize, sqlx::Error> {
        let now = now_ms();
        let due = self
            .store
            .claim_mail(&self.owner, now, now + millis(LEASE), BATCH)
            .await?;
        let mut sent = 0;
        for mail in due {
            match self.send(&mail).await {
                Ok(()) => {
                    self.store
                        .mail_sent(&self.owner, &mail.id, now_ms())
                        .await?;
                    sent += 1;
                }
                Err(err) => {
                    let attempts = mail.attempts + 1;
                    let retry_at = (attempts < MAX_ATTEMPTS).then(|| {
                        let backoff = FIRST_BACKOFF
                            .saturating_mul(1 << mail.attempts.clamp(0, 16))
                            .min(MAX_BACKOFF);
                        now_ms() + millis(backoff)
                    });
                    match retry_at {
                        Some(_) => {
                            tracing::warn!(mail = %mail.id, attempts, error = %err, "mail not sent; will retry")
                        }
                        None => {
                            tracing::error!(mail = %mail.id, attempts, error = %err, "mail not sent; given up")
                        }
                    }
                    self.store
                        .mail_failed(&self.owner, &mail.id, &err, retry_at)
                        .await?;
                }
            }
        }
        Ok(sent)
    }

    async fn send(&self, mail: &Mail) -> Result<(), String> {
        match &self.transport {
            Transport::Log { bodies } => {
                if *bodies {
                    tracing::info!(to = %mail.to, subject = %mail.subject, body = %mail.body, "mail (development transport)");
                } else {
                    tracing::info!(to = %mail.to, subject = %mail.subject, "mail (development transport; body not logged, see --dev-mail-log)");
                }
                Ok(())
            }
            Transport::Smtp(smtp) => {
                let to: Mailbox = mail.to.parse().map_err(|e| format!("recipient: {e}"))?;
                let message = Message::builder()
                    .from(self.from.clone())
                    .to(to)
                    .subject(mail.subject.clone())
                    .body(mail.body.clone())
                    .map_err(|e| format!("building the message: {e}"))?;
                smtp.send(message)
                    .await
                    .map(drop)
                    .map_err(|e| e.to_string())
            }
        }
    }

    /// Sends due mail until the process ends (errors are logged and retried).
    pub fn spawn(self) {
        tokio::spawn(async move {
            loop {
                if let Err(err) = self.send_due().await {
                    tracing::warn!(error = %err, "the mail sender could not read the outbox");
                }
                tokio::time::sleep(POLL).await;
            }
        });
    }
}
