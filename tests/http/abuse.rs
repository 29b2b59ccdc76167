//! Hostile input against everything the server answers: every registered server function, plain
//! route and page (listed by `hoithi routes`, so a new one is covered without editing this file),
//! as an anonymous caller and as every role, with missing fields, wrong types, out-of-range
//! numbers, huge bodies, invalid UTF-8, huge strings and SQL/LIKE metacharacters.

use anyhow::{Context, Result, bail};
use hoithi_tests::{CONTESTANT, HEAD_JUDGE, JUDGE, ORGANIZER, SECRETARY, TestApp, run_cli};
use reqwest::{Client, Method, StatusCode, header};
use serde_json::Value;

const TEAM: (&str, &str) = ("doi01@hoithi.test", "DoiThi@2017");

/// Who calls: a name for messages, the role as the rules name it, and the client.
struct Caller {
    name: &'static str,
    role: Option<&'static str>,
    head_judge: bool,
    client: Client,
}

/// Roles that may call a server function, by endpoint, as the contest's rules give them; `None`
/// for public functions. Anything not listed is for organizers only.
fn allowed(endpoint: &str) -> Option<Vec<&'static str>> {
    let public = [
        "current-user",
        "login",
        "logout",
        "register",
        "unit-choices",
        "schedule",
        "results/round",
        "results/all-rounds",
        "results/stage",
        "results/projector",
        "results/version",
        "live/projector",
        "rules/final",
        "audience/phone",
        "audience/vote",
        "audience/answer",
        "audience/tally",
    ];
    if public.contains(&endpoint) {
        return None;
    }
    Some(match endpoint {
        e if e.starts_with("contestant/") || e == "results/mine" => vec!["contestant"],
        e if e.starts_with("judge/") => vec!["judge"],
        e if e.starts_with("secretary/") => vec!["secretary", "organizer"],
        "stage/part" | "stage/part/lock" | "stage/sheet/unlock" | "stage/divergence/review" => {
            vec!["judge", "organizer"]
        }
        "live/team" | "live/answer" => vec!["team"],
        _ => vec!["organizer"],
    })
}

/// Bodies a hostile client sends; every one must be refused or handled without a 5xx.
fn payloads() -> Vec<(&'static str, Vec<u8>)> {
    let fields = [
        "id",
        "round_id",
        "attempt_id",
        "team_id",
        "part_id",
        "judge_id",
        "unit_id",
        "unit",
        "page",
        "option",
        "position",
        "chosen",
        "value",
        "points",
        "count",
        "q",
        "name",
        "login",
        "password",
        "code",
        "reason",
    ];
    let with = |value: &str| -> Vec<u8> {
        let encoded: String = url_encode(value);
        fields.iter().map(|f| format!("{f}={encoded}")).collect::<Vec<_>>().join("&").into_bytes()
    };
    // Huge values in the text fields only, so the body stays under the size limit and reaches
    // the function.
    let huge = |value: &str| -> Vec<u8> {
        let encoded: String = url_encode(value);
        let mut body = with("1");
        for f in ["q", "name", "login"] {
            body.extend(format!("&{f}={encoded}").into_bytes());
        }
        body
    };
    let words = "từ ".repeat(20_000);
    vec![
        ("missing fields", Vec::new()),
        ("wrong types", with("abc")),
        ("negative numbers", with("-1")),
        ("overflowing numbers", with("2147483648")),
        ("huge numbers", with("99999999999999999999999999")),
        (
            "invalid UTF-8",
            fields.iter().map(|f| format!("{f}=%FF%FE")).collect::<Vec<_>>().join("&").into_bytes(),
        ),
        ("raw invalid UTF-8", b"login=\xff\xfe&q=\xc3\x28&name=\xff".to_vec()),
        ("100 KB strings", huge(&"ả".repeat(34_000))),
        ("20,000-word strings", huge(&words)),
        ("SQL and LIKE metacharacters", with("' OR 1=1 -- %_\\ \"; DROP TABLE users; --")),
        ("array syntax", b"id[]=1&id[x]=2&blueprint[0][count]=-5&units[a]=b".to_vec()),
    ]
}

fn url_encode(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// A refusal must be `{"code", "message"}` with a Vietnamese message.
fn check_error_body(what: &str, body: &str) -> Result<()> {
    let json: Value =
        serde_json::from_str(body).with_context(|| format!("{what}: error body is not JSON: {body:.200}"))?;
    let message = json["message"].as_str().unwrap_or_default();
    if json["code"].as_str().is_none_or(str::is_empty) || message.is_empty() {
        bail!("{what}: error without code and message: {body:.200}");
    }
    if message.is_ascii() {
        bail!("{what}: message is not Vietnamese: {message}");
    }
    Ok(())
}

async fn callers(app: &TestApp) -> Result<Vec<Caller>> {
    let mut all = vec![Caller { name: "anonymous", role: None, head_judge: false, client: app.client() }];
    for (name, role, head_judge, who) in [
        ("organizer", "organizer", false, ORGANIZER),
        ("judge", "judge", false, JUDGE),
        ("head judge", "judge", true, HEAD_JUDGE),
        ("secretary", "secretary", false, SECRETARY),
        ("contestant", "contestant", false, CONTESTANT),
        ("team device", "team", false, TEAM),
    ] {
        all.push(Caller { name, role: Some(role), head_judge, client: app.signed_in(who).await? });
    }
    Ok(all)
}

/// Sends a request, once more on a fresh connection if the pooled one was closed under it (the
/// server closes a connection after refusing a body it did not read).
async fn send(request: reqwest::RequestBuilder) -> reqwest::Result<reqwest::Response> {
    let again = request.try_clone();
    match request.send().await {
        Err(e) if e.is_request() && again.is_some() => match again {
            Some(again) => again.send().await,
            None => Err(e),
        },
        other => other,
    }
}

async fn alive(app: &TestApp, after: &str) -> Result<()> {
    let res =
        reqwest::get(app.url("/healthz")).await.with_context(|| format!("server down after {after}"))?;
    if res.status() != StatusCode::OK {
        bail!("/healthz answered {} after {after}", res.status());
    }
    Ok(())
}

async fn list(app: &TestApp) -> Result<Value> {
    let out = run_cli(&app.db.url, &["routes"], "").await?;
    if !out.status.success() {
        bail!("hoithi routes failed: {}", out.stderr);
    }
    Ok(serde_json::from_str(&out.stdout)?)
}

#[tokio::test]
async fn no_server_function_answers_hostile_input_with_a_5xx_or_without_the_role_check() -> Result<()> {
    let app = TestApp::with_demo().await?;
    let routes = list(&app).await?;
    let functions = routes["server_functions"].as_array().cloned().unwrap_or_default();
    assert!(
        functions.len() >= 60,
        "the list comes from the registered server functions: {}",
        functions.len()
    );
    let callers = callers(&app).await?;
    let mut failures = Vec::new();
    for f in &functions {
        let path = f["path"].as_str().unwrap_or_default();
        let method: Method = f["method"].as_str().unwrap_or("POST").parse()?;
        let endpoint = path.trim_start_matches("/api/");
        let roles = allowed(endpoint);
        for caller in &callers {
            // Signing out would turn the rest of this caller's requests anonymous.
            if endpoint == "logout" && caller.role.is_some() {
                continue;
            }
            let may = roles.as_ref().is_none_or(|r| caller.role.is_some_and(|role| r.contains(&role)));
            for (what, body) in payloads() {
                let label = format!("{method} {path} as {} with {what}", caller.name);
                let request = if method == Method::GET {
                    let query = String::from_utf8_lossy(&body).into_owned();
                    caller.client.get(format!("{}?{query}", app.url(path)))
                } else {
                    caller
                        .client
                        .request(method.clone(), app.url(path))
                        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                        .body(body)
                };
                let res = match send(request.header(header::ACCEPT, "application/json")).await {
                    Ok(res) => res,
                    Err(e) => {
                        failures.push(format!("{label}: no answer ({e:.100})"));
                        continue;
                    }
                };
                let status = res.status();
                let text = res.text().await.unwrap_or_default();
                if status.is_server_error() {
                    failures.push(format!("{label}: {status} {text:.200}"));
                    continue;
                }
                if status.is_client_error()
                    && let Err(e) = check_error_body(&label, &text)
                {
                    failures.push(e.to_string());
                }
                if !may {
                    let expected =
                        if caller.role.is_none() { StatusCode::UNAUTHORIZED } else { StatusCode::FORBIDDEN };
                    // A judge who is not the head judge is refused inside the function, by the
                    // same check.
                    if status != expected && !(caller.head_judge && status == StatusCode::FORBIDDEN) {
                        failures.push(format!("{label}: {status}, expected {expected}"));
                    }
                }
            }
            // Three megabytes: refused as too large (or, without the role, before it is read; the
            // server may then close the connection while the client is still writing).
            let res = caller
                .client
                .post(app.url(path))
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .header(header::ACCEPT, "application/json")
                .body(vec![b'a'; 3 * 1024 * 1024])
                .send()
                .await;
            if let Ok(res) = res {
                let status = res.status();
                let too_large = status == StatusCode::PAYLOAD_TOO_LARGE;
                if !status.is_client_error() || (may && method == Method::POST && !too_large) {
                    failures.push(format!("POST {path} as {} with 3 MB: {status}", caller.name));
                }
            }
        }
        alive(&app, path).await?;
    }
    assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n"));
    Ok(())
}

/// Replaces `{param}` and `:param` segments with `value`.
fn fill(path: &str, value: &str) -> String {
    path.split('/')
        .map(|s| if s.starts_with('{') || s.starts_with(':') { value.to_owned() } else { s.to_owned() })
        .collect::<Vec<_>>()
        .join("/")
}

#[tokio::test]
async fn no_page_or_plain_route_answers_hostile_input_with_a_5xx() -> Result<()> {
    let app = TestApp::with_demo().await?;
    let routes = list(&app).await?;
    let callers = callers(&app).await?;
    // Addresses are limited to 64 KB by the HTTP stack, so these are as long as a link can be.
    let words = "tu+".repeat(16_000);
    let big = "x".repeat(30_000);
    let queries = [
        String::new(),
        format!("?q={words}&page=abc&role=%FF&unit=-1"),
        format!("?q={big}&page=99999999999999999999&topic=%25_&difficulty='--"),
        "?q=%25&page=-1&next=//evil.example".to_owned(),
    ];
    let segments = ["abc", "-1", "2147483648", "%FF", "..%2F..%2Fetc%2Fpasswd"];
    let mut failures = Vec::new();
    let pages: Vec<String> = routes["pages"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|p| p.as_str().map(str::to_owned))
        .collect();
    assert!(pages.len() >= 30, "pages come from the router: {}", pages.len());
    for page in &pages {
        for segment in segments {
            let path = fill(page, segment);
            for caller in &callers {
                for query in &queries {
                    match caller.client.get(format!("{}{query}", app.url(&path))).send().await {
                        Ok(res) if res.status().is_server_error() => failures.push(format!(
                            "GET {path}{query:.60} as {}: {}",
                            caller.name,
                            res.status()
                        )),
                        Ok(_) => {}
                        Err(e) => {
                            failures.push(format!("GET {path}{query:.60} as {}: {e:.100}", caller.name))
                        }
                    }
                }
            }
            if !page.contains(':') {
                break;
            }
        }
        alive(&app, page).await?;
    }
    for route in routes["routes"].as_array().into_iter().flatten() {
        let path = route["path"].as_str().unwrap_or_default();
        let method: Method = route["method"].as_str().unwrap_or("GET").parse()?;
        // Event streams stay open; their status is all there is to check.
        let stream = path.starts_with("/su-kien/");
        for segment in segments {
            let filled = fill(path, segment);
            for caller in &callers {
                for (what, body) in payloads() {
                    let mut request = caller.client.request(method.clone(), app.url(&filled));
                    if method == Method::POST {
                        request = request
                            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                            .body(body);
                    }
                    // A refusal may come before a large body is read, and the connection close
                    // with it; a crash is caught by the health check below.
                    if let Ok(res) = request.send().await
                        && res.status().is_server_error()
                    {
                        failures.push(format!(
                            "{method} {filled} as {} with {what}: {}",
                            caller.name,
                            res.status()
                        ));
                    }
                    if stream || method == Method::GET {
                        break;
                    }
                }
            }
            if !path.contains('{') {
                break;
            }
        }
        alive(&app, path).await?;
    }
    assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n"));
    Ok(())
}
