//! Regressions of the hardening work: each test fails on a server without its fix.

use anyhow::{Result, bail};
use hoithi_tests::{
    CONTESTANT, ORGANIZER, TestApp, TestDb,
    rounds::{answer, create_round, paper, start},
};
use reqwest::{StatusCode, header};
use sea_orm::{ConnectionTrait, Statement};
use serde_json::Value;

async fn scalar(db: &TestDb, sql: &str) -> Result<i64> {
    let conn = db.connect().await?;
    let row = conn.query_one_raw(Statement::from_string(conn.get_database_backend(), sql.to_owned())).await?;
    match row {
        Some(row) => Ok(row.try_get_by_index::<i64>(0)?),
        None => bail!("no row for {sql}"),
    }
}

#[tokio::test]
async fn a_crafted_search_link_cannot_take_the_server_down_and_wildcards_match_literally() -> Result<()> {
    let app = TestApp::with_demo().await?;
    let org = app.signed_in(ORGANIZER).await?;
    // The link that used to overflow a worker's stack and abort the process.
    let words = "tu+".repeat(16_000);
    for page in ["/ban-to-chuc/tai-khoan", "/ban-to-chuc/cau-hoi"] {
        let res = org.get(app.url(&format!("{page}?q={words}"))).send().await?;
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY, "{page}");
        assert!(res.text().await?.contains("Từ khoá tìm kiếm quá dài"), "{page} says why nothing is listed");
    }
    for endpoint in ["organizer/accounts", "organizer/questions"] {
        let long = app.call(&org, endpoint, &[("q", &"từ ".repeat(16_000))]).await?;
        assert_eq!(long.status(), StatusCode::UNPROCESSABLE_ENTITY, "{endpoint}");
        assert!(long.text().await?.contains("tối đa 100 ký tự và 8 từ"));
        let one_word = app.call(&org, endpoint, &[("q", &"x".repeat(100_000))]).await?;
        assert_eq!(one_word.status(), StatusCode::UNPROCESSABLE_ENTITY, "{endpoint}");
        let all = app.call(&org, endpoint, &[]).await?.json::<Value>().await?["total"].as_u64().unwrap_or(0);
        for wildcard in ["%", "_", "\\", "%_%"] {
            let res = app.call(&org, endpoint, &[("q", wildcard)]).await?;
            assert_eq!(res.status(), StatusCode::OK, "{endpoint} {wildcard}");
            let found = res.json::<Value>().await?["total"].as_u64().unwrap_or(0);
            // Only rows with the character itself ("80%" in a question) match, never all rows.
            assert!(found < all / 10, "{endpoint}: {wildcard:?} matched {found} of {all}");
        }
        let plain = app.call(&org, endpoint, &[("q", "thu")]).await?.json::<Value>().await?;
        assert!(plain["total"].as_u64().unwrap_or(0) > 0, "{endpoint}: ordinary searches still find");
    }
    assert_eq!(reqwest::get(app.url("/healthz")).await?.status(), StatusCode::OK);
    Ok(())
}

#[tokio::test]
async fn malformed_arguments_get_4xx_json_in_vietnamese_not_500() -> Result<()> {
    let app = TestApp::with_demo().await?;
    let anonymous = app.client();
    let team = app.signed_in(("doi01@hoithi.test", "DoiThi@2017")).await?;
    let org = app.signed_in(ORGANIZER).await?;
    let cases: Vec<(&reqwest::Client, &str, Vec<u8>, StatusCode)> = vec![
        (&org, "organizer/round", b"id=abc".to_vec(), StatusCode::UNPROCESSABLE_ENTITY),
        (&org, "organizer/round", b"id=2147483648".to_vec(), StatusCode::UNPROCESSABLE_ENTITY),
        (&org, "organizer/accounts/disable", Vec::new(), StatusCode::UNPROCESSABLE_ENTITY),
        (&team, "live/answer", b"round_id=1&option=-1".to_vec(), StatusCode::UNPROCESSABLE_ENTITY),
        (&anonymous, "login", b"login=\xff&password=x".to_vec(), StatusCode::UNPROCESSABLE_ENTITY),
        (&anonymous, "login", b"login=%FF&password=x".to_vec(), StatusCode::UNAUTHORIZED),
        (&org, "organizer/units/save", vec![b'a'; 3 * 1024 * 1024], StatusCode::PAYLOAD_TOO_LARGE),
        (&anonymous, "organizer/units/save", b"id=abc".to_vec(), StatusCode::UNAUTHORIZED),
        (&anonymous, "no/such/function", Vec::new(), StatusCode::UNAUTHORIZED),
        (&org, "no/such/function", Vec::new(), StatusCode::NOT_FOUND),
    ];
    for (client, endpoint, body, expected) in cases {
        // A body over the limit is refused before it is read: the client may still be writing it
        // when the connection closes (a broken pipe instead of the answer), so it sends again.
        let mut tries = 0;
        let res = loop {
            tries += 1;
            let sent = client
                .post(app.url(&format!("/api/{endpoint}")))
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .header(header::ACCEPT, "application/json")
                .body(body.clone())
                .send()
                .await;
            match sent {
                Err(e) if expected == StatusCode::PAYLOAD_TOO_LARGE && tries < 5 && e.is_request() => {
                    continue;
                }
                other => break other?,
            }
        };
        assert_eq!(res.status(), expected, "{endpoint}");
        let json = res.json::<Value>().await?;
        assert!(json["code"].is_string(), "{endpoint}: {json}");
        assert!(!json["message"].as_str().unwrap_or_default().is_ascii(), "{endpoint}: {json}");
    }
    Ok(())
}

#[tokio::test]
async fn a_cross_site_post_without_origin_is_refused_by_its_referer() -> Result<()> {
    let app = TestApp::with_demo().await?;
    let org = app.signed_in(ORGANIZER).await?;
    let post = |referer: Option<&str>, fetch_site: Option<&str>| {
        let mut req = org
            .post(app.url("/api/results/stage/publish"))
            .header(header::ACCEPT, "application/json")
            .form(&[("published", "true")]);
        if let Some(r) = referer {
            req = req.header(header::REFERER, r);
        }
        if let Some(s) = fetch_site {
            req = req.header("sec-fetch-site", s);
        }
        req.send()
    };
    assert_eq!(post(Some("http://evil.example/form"), None).await?.status(), StatusCode::FORBIDDEN);
    assert_eq!(post(None, Some("cross-site")).await?.status(), StatusCode::FORBIDDEN);
    let published =
        scalar(&app.db, "SELECT COUNT(*) FROM settings WHERE key = 'stage_published' AND value = 'true'")
            .await
            .unwrap_or(0);
    assert_eq!(published, 0, "nothing was published");
    let own = post(Some(&app.url("/ban-to-chuc/ket-qua")), Some("same-origin")).await?;
    assert_ne!(own.status(), StatusCode::FORBIDDEN, "our own pages still post");
    Ok(())
}

#[tokio::test]
async fn a_login_typed_with_combining_marks_is_the_same_login() -> Result<()> {
    let app = TestApp::with_demo().await?;
    let org = app.signed_in(ORGANIZER).await?;
    let precomposed = "nguy\u{1ec5}n.v\u{103}n.th\u{1eed}";
    let decomposed = "nguye\u{302}\u{303}n.va\u{306}n.thu\u{31b}\u{309}";
    assert_ne!(precomposed, decomposed);
    for (login, expected) in [(precomposed, StatusCode::OK), (decomposed, StatusCode::CONFLICT)] {
        let form = [
            ("full_name", "Nguye\u{302}\u{303}n Va\u{306}n Thu\u{31b}\u{309}"),
            ("login", login),
            ("role", "secretary"),
            ("unit_id", ""),
            ("password", "MatKhau@2017"),
        ];
        let res = app.call(&org, "organizer/accounts/create", &form).await?;
        assert_eq!(res.status(), expected, "{login:?}: the same login once only");
    }
    let me = app.client();
    let res = app.call(&me, "login", &[("login", decomposed), ("password", "MatKhau@2017")]).await?;
    assert!(res.status().is_success() || res.status().is_redirection(), "{}", res.status());
    let stored =
        scalar(&app.db, &format!("SELECT COUNT(*) FROM users WHERE login = '{precomposed}'")).await?;
    assert_eq!(stored, 1, "stored once, in NFC");
    let named =
        scalar(&app.db, "SELECT COUNT(*) FROM users WHERE full_name = 'Nguy\u{1ec5}n V\u{103}n Th\u{1eed}'")
            .await?;
    assert_eq!(named, 1, "the name is stored in NFC too");
    Ok(())
}

#[tokio::test]
async fn pages_carry_a_nonce_policy_and_signed_in_answers_are_never_cached() -> Result<()> {
    let app = TestApp::with_demo().await?;
    let org = app.signed_in(ORGANIZER).await?;
    for path in ["/", "/dang-nhap", "/ban-to-chuc", "/khong-co-trang-nay"] {
        let res = org.get(app.url(path)).send().await?;
        let csp = res.headers().get(header::CONTENT_SECURITY_POLICY).and_then(|v| v.to_str().ok());
        let csp = csp.unwrap_or_default().to_owned();
        let cache =
            res.headers().get(header::CACHE_CONTROL).and_then(|v| v.to_str().ok()).unwrap_or_default();
        assert_eq!(cache, "no-store", "{path}");
        assert!(!csp.contains("unsafe-inline") && csp.contains("'wasm-unsafe-eval'"), "{path}: {csp}");
        let html = res.text().await?;
        let nonce = csp.split("'nonce-").nth(1).and_then(|s| s.split('\'').next()).unwrap_or_default();
        assert!(!nonce.is_empty(), "{path}: {csp}");
        assert!(
            html.contains(&format!("nonce=\"{nonce}\"")),
            "{path}: the hydration script carries the nonce"
        );
    }
    let data = app.call(&org, "organizer/overview", &[]).await?;
    assert_eq!(data.headers().get(header::CACHE_CONTROL).and_then(|v| v.to_str().ok()), Some("no-store"));
    // Data, scripts and images are no documents: opened as one, they may load and frame nothing.
    assert_eq!(
        data.headers().get(header::CONTENT_SECURITY_POLICY).and_then(|v| v.to_str().ok()),
        Some("default-src 'none'; frame-ancestors 'none'")
    );
    let icon = org.get(app.url("/favicon.svg")).send().await?;
    assert_eq!(
        icon.headers().get(header::CONTENT_SECURITY_POLICY).and_then(|v| v.to_str().ok()),
        Some("default-src 'none'; frame-ancestors 'none'")
    );
    Ok(())
}

/// An organizer of `app` resets the demo contestant's password: their client and the new password.
async fn reset_contestants_password(app: &TestApp) -> Result<(reqwest::Client, String)> {
    let org = app.signed_in(ORGANIZER).await?;
    let id =
        scalar(&app.db, &format!("SELECT CAST(id AS BIGINT) FROM users WHERE login = '{}'", CONTESTANT.0))
            .await?;
    let res = app.call(&org, "organizer/accounts/reset-password", &[("id", &id.to_string())]).await?;
    assert_eq!(res.status(), StatusCode::OK);
    let password = res.json::<String>().await?;
    Ok((org, password))
}

#[tokio::test]
async fn resetting_a_password_signs_the_user_out_everywhere() -> Result<()> {
    let app = TestApp::with_demo().await?;
    let phone = app.signed_in(CONTESTANT).await?;
    let pc = app.signed_in(CONTESTANT).await?;
    assert_eq!(app.call(&phone, "contestant/rounds", &[]).await?.status(), StatusCode::OK);
    let (org, password) = reset_contestants_password(&app).await?;
    for device in [&phone, &pc] {
        assert_eq!(app.call(device, "contestant/rounds", &[]).await?.status(), StatusCode::UNAUTHORIZED);
    }
    assert_eq!(app.call(&org, "organizer/overview", &[]).await?.status(), StatusCode::OK, "others stay");
    let again = app.client();
    let res = app.call(&again, "login", &[("login", CONTESTANT.0), ("password", &password)]).await?;
    assert!(res.status().is_success() || res.status().is_redirection());
    assert_eq!(app.call(&again, "contestant/rounds", &[]).await?.status(), StatusCode::OK);
    Ok(())
}

/// Servers remember who is behind a session for a while; a password reset on one server must
/// still sign the user out on the others at once (they hear of it through PostgreSQL's
/// notifications). Several servers share only a PostgreSQL database.
#[tokio::test]
async fn resetting_a_password_signs_the_user_out_on_every_server() -> Result<()> {
    let app = TestApp::with_demo().await?;
    if !app.db.is_postgres() {
        eprintln!("several servers share only a PostgreSQL database: skipped on SQLite");
        return Ok(());
    }
    let other = app.second().await?;
    let phone = other.signed_in(CONTESTANT).await?;
    // Used on the other server, which now remembers the caller.
    assert_eq!(other.call(&phone, "contestant/rounds", &[]).await?.status(), StatusCode::OK);
    reset_contestants_password(&app).await?;
    // The notification travels through the database: wait for its delivery, not for a time.
    let mut status = StatusCode::OK;
    for _ in 0..100 {
        status = other.call(&phone, "contestant/rounds", &[]).await?.status();
        if status == StatusCode::UNAUTHORIZED {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert_eq!(status, StatusCode::UNAUTHORIZED, "the other server still accepts the old session");
    Ok(())
}

#[tokio::test]
async fn sign_in_limits_hold_across_server_processes() -> Result<()> {
    let app = TestApp::with_demo().await?;
    let other = app.second().await?;
    let guess = |server: &TestApp| {
        let server_url = server.url("/api/login");
        async move {
            reqwest::Client::new()
                .post(server_url)
                .header(header::ACCEPT, "application/json")
                .form(&[("login", ORGANIZER.0), ("password", "doan-bua")])
                .send()
                .await
                .map(|r| r.status())
        }
    };
    // Five guesses spread over two servers reach the limit of one login from one address.
    for i in 0..5 {
        let server = if i % 2 == 0 { &app } else { &other };
        assert_eq!(guess(server).await?, StatusCode::UNAUTHORIZED, "guess {i}");
    }
    assert_eq!(guess(&app).await?, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(guess(&other).await?, StatusCode::TOO_MANY_REQUESTS, "the other process counts them too");
    Ok(())
}

/// What one contestant's answering loop saw before the server died.
#[derive(Default)]
struct Sent {
    /// (position, displayed option) the server acknowledged, in order.
    acknowledged: Vec<(i64, usize)>,
    /// The save that was on its way when the server died.
    in_flight: Option<(i64, usize)>,
}

/// Contestants answer as fast as they can while the server is killed (`kill -9`); after a restart
/// every answer the server acknowledged is stored, and the attempts keep their deadlines.
#[tokio::test]
async fn answers_acknowledged_before_a_kill_survive_the_restart() -> Result<()> {
    let mut app = TestApp::with_demo().await?;
    let org = app.signed_in(ORGANIZER).await?;
    let round = create_round(&app, &org, 3_600_000, "3", "after_close").await?;
    let mut people = Vec::new();
    for n in 1..=12 {
        let login = format!("thisinh{n:03}@hoithi.test");
        let who = app.signed_in((&login, CONTESTANT.1)).await?;
        let attempt = start(&app, &who, round).await?;
        let deadline = paper(&app, &who, attempt).await?["deadline_ms"].as_i64().unwrap_or(0);
        people.push((login, attempt, deadline, who));
    }
    let acknowledged = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let mut tasks = Vec::new();
    for (_, attempt, _, who) in &people {
        let (who, attempt, url, count) =
            (who.clone(), *attempt, app.url("/api/contestant/answer"), acknowledged.clone());
        tasks.push(tokio::spawn(async move {
            let mut sent = Sent::default();
            // Answer every question, then change every answer, until the server is gone.
            for step in 0..2_000_i64 {
                let (position, option) = (step % 20 + 1, (step / 20 % 2) as usize);
                sent.in_flight = Some((position, option));
                let res = who
                    .post(&url)
                    .header(header::ACCEPT, "application/json")
                    .form(&[
                        ("attempt_id", attempt.to_string()),
                        ("position", position.to_string()),
                        ("chosen", option.to_string()),
                    ])
                    .send()
                    .await;
                match res {
                    Ok(r) if r.status() == StatusCode::OK => {
                        sent.acknowledged.push((position, option));
                        sent.in_flight = None;
                        count.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                    }
                    _ => break,
                }
            }
            (attempt, sent)
        }));
    }
    // Kill the server in the middle of the burst.
    while acknowledged.load(std::sync::atomic::Ordering::SeqCst) < 300 {
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    }
    app.stop().await?;
    let mut outcomes = Vec::new();
    for t in tasks {
        outcomes.push(t.await?);
    }
    app.start().await?;
    let conn = app.db.connect().await?;
    let backend = conn.get_database_backend();
    let text = |sql: String| {
        let conn = &conn;
        async move {
            let row = conn.query_one_raw(Statement::from_string(backend, sql)).await?;
            Ok::<_, anyhow::Error>(row.map(|r| r.try_get_by_index::<String>(0)).transpose()?)
        }
    };
    let mut checked = 0;
    for (attempt, sent) in &outcomes {
        let mut last = std::collections::HashMap::new();
        for (position, option) in &sent.acknowledged {
            last.insert(*position, *option);
        }
        for (position, option) in last {
            let order = text(format!(
                "SELECT option_order FROM attempt_questions WHERE attempt_id = {attempt} AND position = {position}"
            ))
            .await?
            .unwrap_or_default();
            let order: Vec<usize> = serde_json::from_str(&order)?;
            let stored = text(format!(
                "SELECT chosen FROM answers WHERE attempt_id = {attempt} AND position = {position}"
            ))
            .await?;
            let Some(stored) = stored else {
                bail!("acknowledged answer lost: attempt {attempt}, question {position}")
            };
            let stored: Vec<usize> = serde_json::from_str(&stored)?;
            // The acknowledged choice, or the one sent after it whose answer the kill cut off.
            let mut allowed = vec![vec![order[option]]];
            if let Some((p, o)) = sent.in_flight
                && p == position
            {
                allowed.push(vec![order[o]]);
            }
            assert!(
                allowed.contains(&stored),
                "attempt {attempt} question {position}: {stored:?} not in {allowed:?}"
            );
            checked += 1;
        }
    }
    assert!(checked >= 12, "answers were checked: {checked}");
    for (login, attempt, deadline, _) in &people {
        let who = app.signed_in((login, CONTESTANT.1)).await?;
        let again = paper(&app, &who, *attempt).await?;
        assert_eq!(again["deadline_ms"].as_i64(), Some(*deadline), "the attempt keeps its deadline");
        assert_eq!(answer(&app, &who, *attempt, 1, "1").await?.status(), StatusCode::OK, "and goes on");
    }
    Ok(())
}

#[tokio::test]
async fn a_session_cookie_copied_before_signing_out_is_refused_right_after() -> Result<()> {
    let app = TestApp::with_demo().await?;
    // A client without a cookie jar, sending the session cookie by hand, as a thief would.
    let raw = reqwest::Client::new();
    let res = raw
        .post(app.url("/api/login"))
        .header(header::ACCEPT, "application/json")
        .form(&[("login", CONTESTANT.0), ("password", CONTESTANT.1)])
        .send()
        .await?;
    assert!(res.status().is_success(), "{}", res.status());
    let cookie = res
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("hoithi_session="))
        .and_then(|v| v.split(';').next())
        .map(str::to_owned)
        .unwrap_or_default();
    assert!(!cookie.is_empty(), "no session cookie");
    let rounds = || {
        raw.post(app.url("/api/contestant/rounds"))
            .header(header::ACCEPT, "application/json")
            .header(header::COOKIE, cookie.clone())
            .send()
    };
    // Used twice, so the server has seen (and may remember) who is behind it.
    for _ in 0..2 {
        assert_eq!(rounds().await?.status(), StatusCode::OK);
    }
    let out = raw
        .post(app.url("/api/logout"))
        .header(header::ACCEPT, "application/json")
        .header(header::COOKIE, cookie.clone())
        .send()
        .await?;
    assert!(out.status().is_success() || out.status().is_redirection(), "{}", out.status());
    assert_eq!(rounds().await?.status(), StatusCode::UNAUTHORIZED, "the copied cookie still works");
    Ok(())
}
