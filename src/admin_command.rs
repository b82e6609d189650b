//! `profilehub admin grant|revoke|create`: bootstrap and manage administrators from the
//! server's command line, where the API cannot help (the first administrator) or should
//! not be needed (locked out). Every change goes through the same rules as the API (never
//! the last enabled administrator) and is written to the audit log with the actor
//! `command-line`. Passwords are read from standard input, never from the arguments
//! (which other users of the machine can see).

use std::io::{BufRead, IsTerminal, Write};

use crate::{
    StartupError, build_state,
    config::{AdminAction, Config},
    domain::{RegistrationInput, Role},
};

/// Runs one administrator command.
pub async fn run(config: &Config, action: AdminAction) -> Result<(), StartupError> {
    let state = build_state(config).await?;
    let failed = |what: &str, err: crate::error::ApiError| {
        StartupError::Config(format!("{what}: {}", err.message))
    };
    match action {
        AdminAction::Grant { username } => {
            state
                .admin
                .set_role(&username, Role::Admin)
                .await
                .map_err(|e| failed(&format!("granting {username}"), e))?;
            println!("{username} is now an administrator");
        }
        AdminAction::Revoke { username } => {
            state
                .admin
                .set_role(&username, Role::User)
                .await
                .map_err(|e| failed(&format!("revoking {username}"), e))?;
            println!("{username} is no longer an administrator");
        }
        AdminAction::Create { username, email } => {
            let password = read_password()?;
            let user = state
                .auth
                .create_account_unthrottled(RegistrationInput {
                    username: username.clone(),
                    email,
                    password,
                    name: None,
                    referrer: None,
                    referral_code: None,
                })
                .await
                .map_err(|e| {
                    let fields = e
                        .fields
                        .as_ref()
                        .map(|f| format!(" ({f:?})"))
                        .unwrap_or_default();
                    StartupError::Config(format!("creating {username}: {}{fields}", e.message))
                })?;
            state
                .admin
                .created_from_command_line(&user)
                .await
                .map_err(|e| failed("recording the creation", e))?;
            state
                .admin
                .set_role(&user.username, Role::Admin)
                .await
                .map_err(|e| failed(&format!("granting {username}"), e))?;
            println!("created administrator {} ({})", user.username, user.id);
        }
    }
    Ok(())
}

/// One line of standard input; on a terminal, asked for with echo off.
fn read_password() -> Result<String, StartupError> {
    let stdin = std::io::stdin();
    let on_terminal = stdin.is_terminal();
    if on_terminal {
        eprint!("Password for the new administrator: ");
        std::io::stderr().flush()?;
        set_echo(false);
    }
    let mut line = String::new();
    let read = stdin.lock().read_line(&mut line);
    if on_terminal {
        set_echo(true);
        eprintln!();
    }
    read?;
    let password = line.trim_end_matches(['\n', '\r']).to_string();
    if password.is_empty() {
        return Err(StartupError::Config(
            "no password on standard input (one line is expected)".into(),
        ));
    }
    Ok(password)
}

/// Turns the terminal's echo on or off (best effort: `stty`, as every Unix has).
fn set_echo(on: bool) {
    let _ = std::process::Command::new("stty")
        .arg(if on { "echo" } else { "-echo" })
        .stdin(std::process::Stdio::inherit())
        .status();
}
