use anyhow::{Context, Result, bail};
use hoithi_tests::{
    CONTESTANT, HEAD_JUDGE, ORGANIZER, SECRETARY, TestApp,
    browser::{Browser, console, open, sign_in},
    run_cli,
};

const LAPTOP: (u32, u32) = (1366, 768);
const TEAM: (&str, &str) = ("doi01@hoithi.test", "DoiThi@2017");

/// Who opens a page, by its path.
fn role_of(page: &str) -> &'static str {
    match page {
        p if p.starts_with("/ban-to-chuc") || p.starts_with("/in/") || p.starts_with("/may-chieu") => {
            "organizer"
        }
        p if p.starts_with("/giam-khao") => "head judge",
        p if p.starts_with("/thu-ky") => "secretary",
        p if p.starts_with("/thi-sinh") => "contestant",
        p if p.starts_with("/doi-thi") => "team",
        _ => "anonymous",
    }
}

/// A concrete address for a route of the demo contest.
fn concrete(page: &str) -> String {
    page.split('/')
        .map(|s| match s {
            "{code}" => "tthc-001",
            s if s.starts_with('{') => "1",
            s => s,
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// Every page of the router, opened by the role it is for: each hydrates under the
/// Content-Security-Policy and the console shows no violation of it.
#[tokio::test]
async fn every_page_hydrates_under_the_content_security_policy() -> Result<()> {
    let app = TestApp::with_demo().await?;
    let base = app.addr.clone();
    let out = run_cli(&app.db.url, &["routes"], "").await?;
    let routes: serde_json::Value = serde_json::from_str(&out.stdout).context("hoithi routes")?;
    let mut pages: Vec<String> = routes["pages"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|p| p.as_str().map(str::to_owned))
        .collect();
    pages.sort_by_key(|p| role_of(p));
    Browser::run(LAPTOP.0, LAPTOP.1, |c| async move {
        let mut signed_in_as = "anonymous";
        let mut problems = Vec::new();
        for page in &pages {
            let role = role_of(page);
            if role != signed_in_as {
                c.delete_all_cookies().await?;
                let who = match role {
                    "organizer" => Some((ORGANIZER, "/ban-to-chuc")),
                    "head judge" => Some((HEAD_JUDGE, "/giam-khao")),
                    "secretary" => Some((SECRETARY, "/thu-ky")),
                    "contestant" => Some((CONTESTANT, "/thi-sinh")),
                    "team" => Some((TEAM, "/doi-thi")),
                    _ => None,
                };
                if let Some((who, home)) = who {
                    sign_in(&c, &base, who, home).await?;
                }
                signed_in_as = role;
            }
            let url = format!("{base}{}", concrete(page));
            if let Err(e) = open(&c, &url).await {
                problems.push(format!("{url} as {role}: {e}"));
            }
            for line in console(&c).await? {
                if line.contains("Content Security Policy") || line.contains("Refused to") {
                    problems.push(format!("{url} as {role}: {line}"));
                }
            }
        }
        // The console really is read: a message logged now comes back.
        c.execute("console.error('kiểm tra nhật ký');", vec![]).await?;
        if !console(&c).await?.iter().any(|l| l.contains("kiểm tra nhật ký")) {
            bail!("the browser console could not be read");
        }
        if !problems.is_empty() {
            bail!("{} pages broke the policy:\n{}", problems.len(), problems.join("\n"));
        }
        Ok(())
    })
    .await
}
