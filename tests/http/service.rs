//! Running HoiThi as a service: metrics, readiness, logs, restarts, start-up failures and the
//! deployment files.

use anyhow::{Context, Result};
use hoithi_tests::{
    CONTESTANT, ORGANIZER, TestApp, TestDb, binary,
    rounds::{answer, create_round, start},
    run_cli, workspace_root,
};
use reqwest::{StatusCode, header};
use std::{process::Stdio, time::Duration};

/// The value of the first sample of `name` whose labels contain every one of `labels`.
fn sample(text: &str, name: &str, labels: &[&str]) -> Option<f64> {
    text.lines()
        .filter(|l| !l.starts_with('#'))
        .filter(|l| l.starts_with(name) && l[name.len()..].starts_with(['{', ' ']))
        .find(|l| labels.iter().all(|want| l.contains(want)))
        .and_then(|l| l.rsplit(' ').next())
        .and_then(|v| v.parse().ok())
}

#[tokio::test]
async fn metrics_count_requests_sign_ins_and_answers_and_are_local_only() -> Result<()> {
    let app = TestApp::with_demo().await?;
    let org = app.signed_in(ORGANIZER).await?;
    let round = create_round(&app, &org, 3_600_000, "3", "after_submit").await?;
    let me = app.signed_in(CONTESTANT).await?;
    let attempt = start(&app, &me, round).await?;
    for (position, chosen) in [(1, "0"), (2, "1"), (2, "0")] {
        assert_eq!(answer(&app, &me, attempt, position, chosen).await?.status(), StatusCode::OK);
    }
    let wrong = app.client();
    let refused = app.call(&wrong, "login", &[("login", CONTESTANT.0), ("password", "sai-mat-khau")]).await?;
    assert!(refused.status().is_client_error());

    let res = reqwest::get(app.url("/metrics")).await?;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(res.headers()[header::CONTENT_TYPE].to_str()?.starts_with("text/plain"));
    let text = res.text().await?;
    assert_eq!(sample(&text, "hoithi_answers_saved_total", &[]), Some(3.0), "{text}");
    assert_eq!(sample(&text, "hoithi_sign_ins_total", &["outcome=\"ok\""]), Some(2.0));
    assert_eq!(sample(&text, "hoithi_sign_ins_total", &["outcome=\"refused\""]), Some(1.0));
    assert_eq!(sample(&text, "hoithi_attempts_running", &[]), Some(1.0));
    let answers = ["route=\"/api/contestant/answer\"", "method=\"POST\"", "status=\"200\""];
    assert_eq!(sample(&text, "hoithi_http_requests_total", &answers), Some(3.0));
    // Latency is a histogram per route, in seconds.
    let count =
        sample(&text, "hoithi_http_request_duration_seconds_count", &["route=\"/api/contestant/answer\""]);
    assert_eq!(count, Some(3.0));
    assert!(text.contains("hoithi_http_request_duration_seconds_bucket{"));
    assert!(sample(&text, "hoithi_db_pool_max", &[]).is_some_and(|n| n >= 1.0));
    assert!(sample(&text, "hoithi_password_hashing_queued", &[]).is_some());
    // Paths nobody routes share one series, whatever a client sends.
    let _ = reqwest::get(app.url("/khong-co/123456")).await?;
    let _ = reqwest::get(app.url("/khong-co/abcdef")).await?;
    let text = reqwest::get(app.url("/metrics")).await?.text().await?;
    assert!(!text.contains("khong-co"), "unknown paths become series");
    assert!(sample(&text, "hoithi_http_requests_total", &["route=\"other\"", "status=\"404\""]).is_some());

    // Through the reverse proxy is not this machine.
    let proxied = reqwest::Client::new()
        .get(app.url("/metrics"))
        .header("x-forwarded-for", "203.0.113.9")
        .send()
        .await?;
    assert_eq!(proxied.status(), StatusCode::FORBIDDEN);
    Ok(())
}

#[tokio::test]
async fn with_a_token_metrics_need_it_and_readiness_says_ready() -> Result<()> {
    let db = TestDb::new().await?;
    let app = TestApp::spawn_with(db, &[("HOITHI_METRICS_TOKEN", "t0ken-for-metrics")], None).await?;
    let client = reqwest::Client::new();
    assert_eq!(client.get(app.url("/metrics")).send().await?.status(), StatusCode::FORBIDDEN);
    let wrong = client.get(app.url("/metrics")).bearer_auth("other").send().await?;
    assert_eq!(wrong.status(), StatusCode::FORBIDDEN);
    let right = client.get(app.url("/metrics")).bearer_auth("t0ken-for-metrics").send().await?;
    assert_eq!(right.status(), StatusCode::OK);
    let ready = client.get(app.url("/readyz")).send().await?;
    assert_eq!(ready.status(), StatusCode::OK);
    assert_eq!(ready.text().await?.trim(), "ready");
    Ok(())
}

#[tokio::test]
async fn json_logs_carry_method_path_status_and_user_but_never_the_password() -> Result<()> {
    let dir = tempfile::tempdir()?;
    let log = dir.path().join("hoithi.log");
    let db = TestDb::new().await?;
    run_cli(&db.url, &["demo"], "").await?;
    // Requests are logged at debug; turned on as an operator would.
    let env = [("HOITHI_LOG_FORMAT", "json"), ("RUST_LOG", "info,hoithi::request=debug")];
    let mut app = TestApp::spawn_with(db, &env, Some(log.clone())).await?;
    let me = app.signed_in(CONTESTANT).await?;
    assert_eq!(app.call(&me, "contestant/rounds", &[]).await?.status(), StatusCode::OK);
    app.stop().await?;

    let text = std::fs::read_to_string(&log)?;
    assert!(!text.contains(CONTESTANT.1), "a password reached the log");
    assert!(!text.contains('\u{1b}'), "colour codes in a file");
    let lines: Vec<serde_json::Value> =
        text.lines().map(serde_json::from_str).collect::<Result<_, _>>().context("a log line is not JSON")?;
    let request = lines
        .iter()
        .find(|l| l["span"]["path"] == "/api/contestant/rounds" && l["fields"]["status"].is_number())
        .with_context(|| format!("no request line in {text}"))?;
    assert_eq!(request["span"]["method"], "POST");
    assert_eq!(request["fields"]["status"], 200);
    assert!(request["fields"]["latency_ms"].is_number());
    assert!(request["span"]["user_id"].is_number(), "user id missing: {request}");
    Ok(())
}

#[tokio::test]
async fn text_logs_written_to_a_file_have_no_colour_codes() -> Result<()> {
    let dir = tempfile::tempdir()?;
    let log = dir.path().join("hoithi.log");
    let db = TestDb::new().await?;
    let mut app = TestApp::spawn_with(db, &[("RUST_LOG", "info")], Some(log.clone())).await?;
    reqwest::get(app.url("/")).await?;
    app.stop().await?;
    let text = std::fs::read_to_string(&log)?;
    assert!(text.contains("listening on"), "{text}");
    assert!(!text.contains('\u{1b}'), "colour codes in a file: {text:?}");
    Ok(())
}

#[tokio::test]
async fn a_restart_waits_for_its_address_to_be_free() -> Result<()> {
    let db = TestDb::new().await?;
    let taken = std::net::TcpListener::bind("127.0.0.1:0")?;
    let addr = taken.local_addr()?.to_string();
    let dir = tempfile::tempdir()?;
    let log = dir.path().join("hoithi.log");
    let mut child = tokio::process::Command::new(binary())
        .args(["serve", "--addr", &addr])
        .env("DATABASE_URL", &db.url)
        .env("LEPTOS_SITE_ROOT", workspace_root().join("target/site"))
        .env("RUST_LOG", "info")
        .stdout(Stdio::null())
        .stderr(Stdio::from(std::fs::File::create(&log)?))
        .kill_on_drop(true)
        .spawn()?;
    // Wait until the server has said it is waiting, then free the address.
    let mut waited = false;
    for _ in 0..200 {
        if std::fs::read_to_string(&log)?.contains("address in use") {
            waited = true;
            break;
        }
        assert!(child.try_wait()?.is_none(), "gave up at once: {}", std::fs::read_to_string(&log)?);
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(waited, "no line about the address: {}", std::fs::read_to_string(&log)?);
    drop(taken);
    let mut healthy = false;
    for _ in 0..300 {
        if let Ok(r) = reqwest::get(format!("http://{addr}/healthz")).await
            && r.status().is_success()
        {
            healthy = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    child.kill().await?;
    assert!(healthy, "never served: {}", std::fs::read_to_string(&log)?);
    Ok(())
}

#[tokio::test]
async fn an_unreachable_database_fails_with_its_cause_in_one_line() -> Result<()> {
    // Port 1 on this machine refuses; the `.invalid` domain never resolves.
    let refused = run_cli("postgres://hoithi@127.0.0.1:1/hoithi", &["migrate"], "").await?;
    assert!(!refused.status.success());
    assert_eq!(refused.stderr.trim().lines().count(), 1, "{}", refused.stderr);
    assert!(refused.stderr.to_lowercase().contains("refused"), "{}", refused.stderr);
    let unknown = run_cli("postgres://hoithi:s3cret@db.hoithi.invalid/hoithi", &["migrate"], "").await?;
    assert!(!unknown.status.success());
    assert_eq!(unknown.stderr.trim().lines().count(), 1, "{}", unknown.stderr);
    assert!(!unknown.stderr.contains("s3cret"), "the password was printed");
    let lower = unknown.stderr.to_lowercase();
    assert!(
        lower.contains("lookup") || lower.contains("resolve") || lower.contains("name"),
        "the cause is not named: {}",
        unknown.stderr
    );
    Ok(())
}

/// The unit file, checked by systemd itself (with the binary under test in `ExecStart`).
#[tokio::test]
async fn the_systemd_unit_passes_systemd_analyze() -> Result<()> {
    let unit = std::fs::read_to_string(workspace_root().join("deploy/hoithi.service"))?;
    for key in ["Restart=always", "LimitNOFILE=", "MemoryMax=", "NoNewPrivileges=yes", "ProtectSystem=strict"]
    {
        assert!(unit.contains(key), "the unit lacks {key}");
    }
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("hoithi.service");
    std::fs::write(&path, unit.replace("/opt/hoithi/bin/hoithi", &binary().display().to_string()))?;
    let out = tokio::process::Command::new("systemd-analyze")
        .args(["verify", "--man=no"])
        .arg(&path)
        .output()
        .await
        .context("systemd-analyze is needed to check deploy/hoithi.service")?;
    let said = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success() && said.trim().is_empty(), "systemd-analyze: {said}");
    Ok(())
}

/// The reverse-proxy example, checked by nginx itself (certificates made up for the check).
#[tokio::test]
async fn the_nginx_example_passes_nginx_t() -> Result<()> {
    let site = std::fs::read_to_string(workspace_root().join("deploy/nginx.conf"))?;
    assert!(site.contains("proxy_buffering off"), "server-sent events must not be buffered");
    let dir = tempfile::tempdir()?;
    let d = dir.path();
    let cert = d.join("cert.pem");
    let key = d.join("key.pem");
    let made = tokio::process::Command::new("openssl")
        .args(["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=hoithi.test"])
        .arg("-keyout")
        .arg(&key)
        .arg("-out")
        .arg(&cert)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .await?;
    assert!(made.success(), "openssl could not make a test certificate");
    let site = site
        .replace("/etc/letsencrypt/live/hoithi.example.gov.vn/fullchain.pem", &cert.display().to_string())
        .replace("/etc/letsencrypt/live/hoithi.example.gov.vn/privkey.pem", &key.display().to_string());
    std::fs::write(d.join("hoithi.conf"), site)?;
    let main = format!(
        "pid {d}/nginx.pid;\nerror_log {d}/error.log;\nevents {{}}\nhttp {{\n  access_log off;\n  \
         client_body_temp_path {d}/body;\n  proxy_temp_path {d}/proxy;\n  include {d}/hoithi.conf;\n}}\n",
        d = d.display()
    );
    std::fs::write(d.join("nginx.conf"), main)?;
    let nginx = ["/usr/sbin/nginx", "nginx"]
        .into_iter()
        .find(|p| std::path::Path::new(p).exists())
        .unwrap_or("nginx");
    let out = tokio::process::Command::new(nginx)
        .arg("-t")
        .arg("-p")
        .arg(d)
        .arg("-c")
        .arg(d.join("nginx.conf"))
        .output()
        .await
        .context("nginx is needed to check deploy/nginx.conf (.dev/tools.sh installs it)")?;
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success() && said.contains("test is successful"), "nginx -t: {said}");
    Ok(())
}

/// The container recipe follows the rules a Dockerfile linter checks: pinned bases, a build stage
/// apart from a slim run stage, no root at run time, a health check, exec-form entry point, and
/// apt without recommends or left-over lists; and it copies what the build makes.
#[test]
fn the_dockerfile_is_multi_stage_unprivileged_and_healthchecked() -> Result<()> {
    let text = std::fs::read_to_string(workspace_root().join("Dockerfile"))?;
    let lines: Vec<&str> =
        text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).collect();
    let froms: Vec<&str> = lines.iter().copied().filter(|l| l.starts_with("FROM ")).collect();
    assert!(froms.len() >= 2, "one stage: {froms:?}");
    for from in &froms {
        let image = from.split_whitespace().nth(1).unwrap_or_default();
        assert!(image.contains(':') && !image.ends_with(":latest"), "unpinned base image {image}");
        assert!(from.contains(" AS "), "unnamed stage {from}");
    }
    let last_stage = text.rfind("\nFROM ").context("no FROM")?;
    let run_stage = &text[last_stage..];
    let user = run_stage.lines().find(|l| l.starts_with("USER ")).context("the image runs as root")?;
    assert!(!user.contains("root") && !user.trim().ends_with(" 0"), "{user}");
    assert!(run_stage.contains("HEALTHCHECK") && run_stage.contains("/readyz"));
    let entry = run_stage.lines().find(|l| l.starts_with("ENTRYPOINT")).context("no ENTRYPOINT")?;
    assert!(entry.contains("[\""), "shell-form ENTRYPOINT: {entry}");
    for (i, l) in text.lines().enumerate() {
        if l.contains("apt-get install") {
            assert!(l.contains("--no-install-recommends") && l.contains("-y"), "line {}: {l}", i + 1);
        }
        assert!(!l.trim_start().starts_with("ADD "), "line {}: ADD instead of COPY", i + 1);
    }
    assert_eq!(text.matches("apt-get update").count(), text.matches("rm -rf /var/lib/apt/lists/*").count());
    for copied in ["/src/target/release/hoithi", "/src/target/site", "/src/questions/bank"] {
        assert!(run_stage.contains(copied), "the image lacks {copied}");
    }
    assert!(workspace_root().join("questions/bank/topics.toml").is_file());
    let ignore = std::fs::read_to_string(workspace_root().join(".dockerignore"))?;
    assert!(ignore.lines().any(|l| l.trim() == "target"), "the build context would carry target/");
    Ok(())
}
