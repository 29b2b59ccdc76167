//! The load accounts (created once, through the organizers' roster upload) and a round open now.

use crate::{
    Args,
    client::{Session, ok},
};
use anyhow::{Context, Result, bail};
use reqwest::{Client, StatusCode, header};
use serde_json::Value;
use std::time::Instant;

/// The password of every load account.
pub const PASSWORD: &str = "TaiKiemThu@2017";

/// The login of load account `i`.
pub fn login_of(i: usize) -> String {
    format!("tai{i:05}@hoithi.test")
}

/// Creates the load accounts (once) through the roster upload, and a round open now.
pub async fn setup(args: &Args, client: &Client) -> Result<i32> {
    let mut org = Session::new(client.clone(), args.first_server());
    let (st, body) = org
        .call("login", &[("login", args.organizer.clone()), ("password", args.organizer_password.clone())])
        .await?;
    ok(st, &body).context("organizer sign-in")?;
    let existing: Value =
        serde_json::from_str(&org.call("organizer/accounts", &[("q", "tai kiem thu".into())]).await?.1)?;
    let have = existing["total"].as_u64().unwrap_or(0) as usize;
    if have < args.contestants {
        let started = Instant::now();
        let units: Value = serde_json::from_str(&org.call("unit-choices", &[]).await?.1)?;
        let units: Vec<String> = units
            .as_array()
            .cloned()
            .unwrap_or_default()
            .iter()
            .filter_map(|u| u["name"].as_str().map(str::to_owned))
            .collect();
        for chunk in (have..args.contestants).collect::<Vec<_>>().chunks(2000) {
            let mut csv = String::from("Họ và tên,Đơn vị,Email hoặc số điện thoại,Mật khẩu\n");
            for &i in chunk {
                csv.push_str(&format!(
                    "Tải Kiểm Thử,\"{}\",{},{PASSWORD}\n",
                    units[i % units.len()],
                    login_of(i)
                ));
            }
            let form = reqwest::multipart::Form::new()
                .part("file", reqwest::multipart::Part::bytes(csv.into_bytes()).file_name("tai.csv"));
            let res = client
                .post(format!("{}/ban-to-chuc/nhap-danh-sach/tai-len", args.first_server()))
                .header(header::COOKIE, org.cookie.clone().unwrap_or_default())
                .multipart(form)
                .send()
                .await?;
            if res.status() != StatusCode::SEE_OTHER {
                bail!("roster upload failed: {}", res.status());
            }
        }
        println!(
            "setup: {} accounts created in {:.1} s",
            args.contestants - have,
            started.elapsed().as_secs_f64()
        );
    }
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH)?.as_millis() as i64;
    let name = format!("Vòng tải {now}");
    let form = [
        ("name", name.clone()),
        ("opens", domain::time::to_input(now - 3_600_000)),
        ("closes", domain::time::to_input(now + 4 * 3_600_000)),
        ("time_limit_minutes", "15".into()),
        ("attempts_allowed", "3".into()),
        ("review_policy", "after_close".into()),
        ("blueprint[0][topic]", String::new()),
        ("blueprint[0][difficulty]", "easy".into()),
        ("blueprint[0][count]", "8".into()),
        ("blueprint[1][topic]", String::new()),
        ("blueprint[1][difficulty]", "medium".into()),
        ("blueprint[1][count]", "8".into()),
        ("blueprint[2][topic]", String::new()),
        ("blueprint[2][difficulty]", "hard".into()),
        ("blueprint[2][count]", "4".into()),
    ];
    let (st, body) = org.call("organizer/round/save", &form).await?;
    ok(st, &body).context("creating the round")?;
    let rounds: Value = serde_json::from_str(&org.call("organizer/rounds", &[]).await?.1)?;
    rounds
        .as_array()
        .and_then(|all| all.iter().find(|r| r["name"] == name.as_str()))
        .and_then(|r| r["id"].as_i64())
        .map(|id| id as i32)
        .context("the new round is not listed")
}
