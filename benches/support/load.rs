//! HTTP load runs shared by the wrk-based benchmarks (`read`, `social`): the service as a
//! child process, wrk itself (found, or installed from `benches/tools.txt`), the Lua
//! scripts it runs and the one machine-readable line they print, parsed into a [`Load`].

use std::{
    path::{Path, PathBuf},
    process::{Child, Command, Output, Stdio},
    time::{Duration, Instant},
};

use tokio::runtime::Runtime;

/// The service binary, built by cargo in the bench profile.
pub const SERVICE: &str = env!("CARGO_BIN_EXE_profilehub");

/// The JWT secret every benchmarked service is started with.
pub const JWT_SECRET: &str = "bench-secret-bench-secret-bench-secret-0123456789";

/// How often `/readyz` is polled while the service starts, and for how long at most.
pub const READY_POLL: Duration = Duration::from_millis(5);
pub const READY_TIMEOUT: Duration = Duration::from_secs(60);

// ---------------------------------------------------------------------------------------
// The service process

/// A running service; stopped (SIGTERM, then SIGKILL) when dropped.
pub struct Service {
    child: Child,
    /// `http://127.0.0.1:<port>`.
    pub base: String,
    log: PathBuf,
    /// Exec to the first 200 from `/readyz`.
    pub ready_after: Duration,
}

impl Service {
    /// Starts `profilehub serve` on `database_url` (with `extra_args` after the common ones,
    /// its stderr in `<work>/<log_name>.log`) and waits for `GET /readyz` = 200.
    pub fn start(
        rt: &Runtime,
        client: &reqwest::Client,
        work: &Path,
        database_url: &str,
        extra_args: &[&str],
        log_name: &str,
    ) -> Result<Self, String> {
        let port = free_port()?;
        let bind = format!("127.0.0.1:{port}");
        let log = work.join(format!("{log_name}.log"));
        let log_file =
            std::fs::File::create(&log).map_err(|e| format!("{}: {e}", log.display()))?;
        let mut command = Command::new(SERVICE);
        command
            .args(["serve", "--bind", &bind, "--database-url", database_url])
            .args(["--jwt-secret", JWT_SECRET, "--refresh-schedule", "off"])
            .args(["--platform-option", "*.base_url=http://127.0.0.1:9"])
            .args(["--log-format", "json"])
            .args(extra_args)
            .env("RUST_LOG", "info")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(log_file);
        let started = Instant::now();
        let child = command
            .spawn()
            .map_err(|e| format!("cannot start {SERVICE}: {e}"))?;
        let mut service = Self {
            child,
            base: format!("http://{bind}"),
            log,
            ready_after: Duration::ZERO,
        };
        service.ready_after = rt.block_on(service.wait_ready(client, started))?;
        Ok(service)
    }

    async fn wait_ready(
        &mut self,
        client: &reqwest::Client,
        started: Instant,
    ) -> Result<Duration, String> {
        let url = format!("{}/readyz", self.base);
        loop {
            if let Ok(response) = client.get(&url).send().await
                && response.status() == reqwest::StatusCode::OK
            {
                return Ok(started.elapsed());
            }
            if let Ok(Some(status)) = self.child.try_wait() {
                return Err(format!(
                    "the service exited ({status}) before it was ready{}",
                    self.log_tail()
                ));
            }
            if started.elapsed() > READY_TIMEOUT {
                return Err(format!(
                    "the service was not ready after {READY_TIMEOUT:?}{}",
                    self.log_tail()
                ));
            }
            tokio::time::sleep(READY_POLL).await;
        }
    }

    pub fn pid(&self) -> String {
        self.child.id().to_string()
    }

    /// A `kB` field of the service's /proc status (`VmRSS`, `VmHWM`).
    pub fn status_kb(&self, field: &str) -> u64 {
        super::proc_status_kb(&self.pid(), field)
    }

    /// The last lines of the service's log, for error messages.
    pub fn log_tail(&self) -> String {
        let text = std::fs::read_to_string(&self.log).unwrap_or_default();
        let lines: Vec<&str> = text.lines().collect();
        let tail = lines[lines.len().saturating_sub(15)..].join("\n  ");
        format!("\n  log {}:\n  {tail}", self.log.display())
    }

    /// SIGTERM (graceful shutdown), then SIGKILL after 10 s.
    pub fn stop(&mut self) {
        if matches!(self.child.try_wait(), Ok(Some(_))) {
            return;
        }
        let _ = Command::new("kill")
            .args(["-TERM", &self.pid()])
            .stderr(Stdio::null())
            .status();
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if matches!(self.child.try_wait(), Ok(Some(_))) {
                return;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Service {
    fn drop(&mut self) {
        self.stop();
    }
}

pub fn free_port() -> Result<u16, String> {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .map(|addr| addr.port())
        .map_err(|e| format!("no free local port: {e}"))
}

/// `profilehub migrate --database-url URL`: the schema, as an operator creates it.
pub fn migrate_with_binary(url: &str) -> Result<(), String> {
    let output = Command::new(SERVICE)
        .args(["migrate", "--database-url", url])
        .env("RUST_LOG", "warn")
        .output()
        .map_err(|e| format!("cannot run {SERVICE} migrate: {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "`profilehub migrate` failed ({}): {}",
            output.status,
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------
// Figures and the machine

pub fn median(mut values: Vec<Duration>) -> Duration {
    values.sort();
    values[values.len() / 2]
}

pub fn ms(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}

pub fn verdict(ok: bool) -> &'static str {
    if ok { "PASS" } else { "MISS" }
}

/// The 1-minute load average, as /proc/loadavg prints it.
pub fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|text| text.split_whitespace().next().map(String::from))
        .unwrap_or_else(|| "?".into())
}

/// This process's nice value (field 19 of /proc/self/stat), or "?".
pub fn niceness() -> String {
    std::fs::read_to_string("/proc/self/stat")
        .ok()
        .and_then(|stat| {
            let after_name = stat.rsplit_once(')')?.1;
            after_name.split_whitespace().nth(16).map(String::from)
        })
        .unwrap_or_else(|| "?".into())
}

// ---------------------------------------------------------------------------------------
// wrk

/// `wrk --version`'s first line when wrk works (it exits 1 after printing it: it wants a URL).
pub fn wrk_version() -> Option<String> {
    let output = Command::new("wrk").arg("--version").output().ok()?;
    let text = String::from_utf8_lossy(&output.stdout).into_owned()
        + &String::from_utf8_lossy(&output.stderr);
    let first = text.lines().next()?.trim();
    first.starts_with("wrk ").then(|| first.to_string())
}

/// wrk's version, installing the pinned package first when wrk is missing.
pub fn ensure_wrk() -> Result<String, String> {
    if let Some(version) = wrk_version() {
        return Ok(version);
    }
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/install-tools.sh");
    eprintln!("wrk not found: running {}", script.display());
    let status = Command::new("sh")
        .arg(&script)
        .stdout(Stdio::inherit())
        .stderr(Stdio::inherit())
        .status()
        .map_err(|e| format!("cannot run {}: {e}", script.display()))?;
    if !status.success() {
        return Err(format!("{} failed ({status})", script.display()));
    }
    wrk_version().ok_or_else(|| "wrk is still missing after install-tools.sh".to_string())
}

/// One wrk run, as its Lua `done()` reported it.
#[derive(Debug, Clone, Copy, Default)]
pub struct Load {
    pub requests: u64,
    pub seconds: f64,
    pub p50_us: f64,
    pub p99_us: f64,
    pub non_2xx: u64,
    pub connect_errors: u64,
    pub read_errors: u64,
    pub write_errors: u64,
    pub timeouts: u64,
}

impl Load {
    pub fn rps(&self) -> f64 {
        if self.seconds > 0.0 {
            self.requests as f64 / self.seconds
        } else {
            0.0
        }
    }

    pub fn p50_ms(&self) -> f64 {
        self.p50_us / 1000.0
    }

    pub fn p99_ms(&self) -> f64 {
        self.p99_us / 1000.0
    }

    pub fn socket_errors(&self) -> u64 {
        self.connect_errors + self.read_errors + self.write_errors + self.timeouts
    }

    /// A run that says something about throughput: requests were answered, all with 2xx.
    pub fn valid(&self) -> bool {
        self.requests > 0 && self.non_2xx == 0
    }

    /// Problems worth a note beside the figures ("" when none).
    pub fn problems(&self) -> String {
        let mut notes = Vec::new();
        if self.requests == 0 {
            notes.push("no request completed".to_string());
        }
        if self.non_2xx > 0 {
            notes.push(format!(
                "{} non-2xx of {} ({:.1} %)",
                self.non_2xx,
                self.requests,
                100.0 * self.non_2xx as f64 / self.requests.max(1) as f64
            ));
        }
        if self.socket_errors() > 0 {
            notes.push(format!(
                "socket errors: connect {}, read {}, write {}, timeout {}",
                self.connect_errors, self.read_errors, self.write_errors, self.timeouts
            ));
        }
        notes.join("; ")
    }

    /// [`problems`](Self::problems) as a suffix: `  [problems]`, or "" when none.
    pub fn problems_suffix(&self) -> String {
        let problems = self.problems();
        if problems.is_empty() {
            String::new()
        } else {
            format!("  [{problems}]")
        }
    }

    pub fn parse(stdout: &str) -> Result<Self, String> {
        let line = stdout
            .lines()
            .find_map(|line| line.strip_prefix("BENCH_RESULT "))
            .ok_or_else(|| format!("wrk printed no BENCH_RESULT line:\n{stdout}"))?;
        let mut load = Self::default();
        let mut duration_us = 0.0;
        for pair in line.split_whitespace() {
            let (key, value) = pair
                .split_once('=')
                .ok_or_else(|| format!("bad BENCH_RESULT field {pair:?}"))?;
            let number: f64 = value
                .parse()
                .map_err(|_| format!("bad BENCH_RESULT number {pair:?}"))?;
            let count = number as u64;
            match key {
                "requests" => load.requests = count,
                "duration_us" => duration_us = number,
                "p50_us" => load.p50_us = number,
                "p99_us" => load.p99_us = number,
                "non2xx" => load.non_2xx = count,
                "connect" => load.connect_errors = count,
                "read" => load.read_errors = count,
                "write" => load.write_errors = count,
                "timeout" => load.timeouts = count,
                _ => {}
            }
        }
        load.seconds = duration_us / 1e6;
        Ok(load)
    }
}

/// Counts non-2xx answers per thread and reports one machine-readable line from `done()`.
pub const LUA_REPORT: &str = r#"
local threads = {}
local next_id = 0

function setup(thread)
   next_id = next_id + 1
   thread:set("id", next_id)
   table.insert(threads, thread)
end

non2xx = 0

function init(args)
   math.randomseed(os.time() + 7919 * (id or 0))
end

function response(status, headers, body)
   if status < 200 or status > 299 then
      non2xx = non2xx + 1
   end
end

function done(summary, latency, requests)
   local bad = 0
   for _, thread in ipairs(threads) do
      bad = bad + (thread:get("non2xx") or 0)
   end
   local e = summary.errors
   io.write(string.format(
      "BENCH_RESULT requests=%d duration_us=%d p50_us=%d p99_us=%d non2xx=%d connect=%d read=%d write=%d timeout=%d\n",
      summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
      bad, e.connect, e.read, e.write, e.timeout))
end
"#;

/// Writes a wrk script that GETs a random path of `paths` per request.
pub fn get_script(dir: &Path, name: &str, paths: &[String]) -> Result<PathBuf, String> {
    get_script_with_headers(dir, name, paths, &[])
}

/// Writes a wrk script that GETs a random path of `paths` per request, sending `headers`
/// (name, value) with every request.
pub fn get_script_with_headers(
    dir: &Path,
    name: &str,
    paths: &[String],
    headers: &[(&str, &str)],
) -> Result<PathBuf, String> {
    let list = dir.join(format!("{name}.paths"));
    let script = dir.join(format!("{name}.lua"));
    let mut text = paths.join("\n");
    text.push('\n');
    std::fs::write(&list, text).map_err(|e| format!("{}: {e}", list.display()))?;
    let headers: String = headers
        .iter()
        .map(|(name, value)| format!("wrk.headers[ [==[{name}]==] ] = [==[{value}]==]\n"))
        .collect();
    let lua = format!(
        "-- Written by benches/support/load.rs: GET a random path of {count} per request.\n\
         {headers}\
         local paths = {{}}\n\
         for line in io.lines([==[{list}]==]) do paths[#paths + 1] = line end\n\
         \n\
         function request()\n\
         \x20  return wrk.format(\"GET\", paths[math.random(#paths)])\n\
         end\n{LUA_REPORT}",
        count = paths.len(),
        list = list.display()
    );
    std::fs::write(&script, lua).map_err(|e| format!("{}: {e}", script.display()))?;
    Ok(script)
}

/// Writes a wrk script that POSTs `body` as JSON on every request.
pub fn post_script(dir: &Path, name: &str, body: &str) -> Result<PathBuf, String> {
    let script = dir.join(format!("{name}.lua"));
    let lua = format!(
        "-- Written by benches/support/load.rs: POST the same JSON body on every request.\n\
         wrk.method = \"POST\"\n\
         wrk.headers[\"Content-Type\"] = \"application/json\"\n\
         wrk.body = [==[{body}]==]\n{LUA_REPORT}"
    );
    std::fs::write(&script, lua).map_err(|e| format!("{}: {e}", script.display()))?;
    Ok(script)
}

/// A wrk command line, ready to run or spawn.
pub fn wrk(url: &str, script: &Path, connections: u32, threads: u32, seconds: usize) -> Command {
    let mut command = Command::new("wrk");
    command
        .arg(format!("--threads={threads}"))
        .arg(format!("--connections={connections}"))
        .arg(format!("--duration={seconds}s"))
        // Slow answers are measured, not dropped as timeouts: under login contention
        // logins queue behind argon2 for over a second (wrk's default is 2 s).
        .arg("--timeout=10s")
        .arg(format!("--script={}", script.display()))
        .arg(url)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    command
}

pub fn wrk_result(output: std::io::Result<Output>) -> Result<Load, String> {
    let output = output.map_err(|e| format!("cannot run wrk: {e}"))?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    if !output.status.success() {
        return Err(format!(
            "wrk failed ({}): {stdout}{}",
            output.status,
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    Load::parse(&stdout)
}

/// A warm-up run of `warmup_seconds` (discarded; none when 0), then the measured run of
/// `seconds`, of `script` against `url`.
pub fn measure(
    url: &str,
    script: &Path,
    connections: u32,
    threads: u32,
    warmup_seconds: usize,
    seconds: usize,
) -> Result<Load, String> {
    if warmup_seconds > 0 {
        wrk_result(wrk(url, script, connections, threads, warmup_seconds).output())?;
    }
    wrk_result(wrk(url, script, connections, threads, seconds).output())
}
