//! The final's prize list as the rules give it: khuyến khích for every remaining team, side prizes
//! on the published part scores (ties shared), and certificates printed only from a confirmed list.

use anyhow::{Result, ensure};
use hoithi_tests::{CONTESTANT, ORGANIZER, TestApp};
use reqwest::{Client, StatusCode};
use serde_json::Value;

const JUDGES: [&str; 6] = ["giamkhao1", "giamkhao2", "giamkhao3", "giamkhao4", "giamkhao5", "giamkhao6"];

/// Criteria scores a judge gives `team` (by its place among the other teams) in a part.
fn marks(kind: &str, team: &str, others_index: usize) -> Vec<String> {
    let s = |v: &[&str]| v.iter().map(|x| (*x).to_owned()).collect::<Vec<_>>();
    match (kind, team) {
        // Two teams tie for the best greeting.
        ("greeting", "A" | "B") => s(&["9", "4", "4"]),
        ("greeting", _) => s(&["1", "1", "1"]),
        // One team has the best sketch by far; the others differ by a quarter point each.
        ("sketch", "C") => s(&["18", "14", "9", "5"]),
        ("sketch", "A" | "B") => s(&["5", "5", "5", "1"]),
        ("sketch", _) => vec![
            format!("{}", 1.0 + 0.25 * others_index as f64).replace('.', ","),
            "5".into(),
            "5".into(),
            "1".into(),
        ],
        _ => s(&["2", "1", "1"]),
    }
}

/// Scores, locks and publishes every judged part; returns (team id, name) by role A, B, C.
async fn run_final(app: &TestApp, org: &Client) -> Result<Vec<(i64, String)>> {
    let o = app.call(org, "stage/overview", &[]).await?.json::<Value>().await?;
    let teams: Vec<(i64, String)> = o["teams"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .map(|t| (t["id"].as_i64().unwrap_or(0), t["name"].as_str().unwrap_or("").to_owned()))
        .collect();
    ensure!(teams.len() > 12, "the demo has a team per unit");
    let parts: Vec<i64> =
        o["parts"].as_array().cloned().unwrap_or_default().iter().filter_map(|p| p["id"].as_i64()).collect();
    let mut judges = Vec::new();
    for j in JUDGES {
        judges.push(app.signed_in((&format!("{j}@hoithi.test"), "GiamKhao@2017")).await?);
    }
    let role = |id: i64| match teams.iter().position(|(t, _)| *t == id) {
        Some(0) => ("A", 0),
        Some(1) => ("B", 0),
        Some(2) => ("C", 0),
        Some(i) => ("", i - 3),
        None => ("", 0),
    };
    for part in &parts {
        let (p, first) = (part.to_string(), teams[0].0.to_string());
        // The part's kind, from the criteria a sheet asks for.
        let view = app
            .call(&judges[1], "judge/sheet", &[("part_id", &p), ("team_id", &first)])
            .await?
            .json::<Value>()
            .await?;
        let criteria = view["criteria"].as_array().map_or(0, Vec::len);
        let name = view["part"].as_str().unwrap_or("").to_lowercase();
        let kind = if criteria == 4 {
            "sketch"
        } else if name.contains("chào") {
            "greeting"
        } else {
            "situation"
        };
        for judge in &judges {
            let home = app.call(judge, "judge/home", &[]).await?.json::<Value>().await?;
            let mine: Vec<i64> = home["parts"]
                .as_array()
                .and_then(|ps| ps.iter().find(|x| x["id"] == *part))
                .and_then(|x| x["teams"].as_array().cloned())
                .unwrap_or_default()
                .iter()
                .filter_map(|t| t["id"].as_i64())
                .collect();
            for team in mine {
                let (who, index) = role(team);
                let scores = marks(kind, who, index);
                let t = team.to_string();
                let mut form = vec![("part_id", p.clone()), ("team_id", t), ("submit", "true".to_owned())];
                for (i, s) in scores.iter().enumerate() {
                    form.push((["scores[0]", "scores[1]", "scores[2]", "scores[3]"][i], s.clone()));
                }
                let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
                let res = app.call(judge, "judge/sheet/save", &form).await?;
                ensure!(res.status() == StatusCode::OK, "{kind} sheet: {}", res.text().await?);
            }
        }
        for step in ["stage/part/lock", "stage/part/publish"] {
            let res = app.call(org, step, &[("id", &p)]).await?;
            ensure!(res.status() == StatusCode::OK, "{step}: {}", res.text().await?);
        }
    }
    Ok(teams)
}

fn side<'a>(stage: &'a Value, prize: &str) -> Option<&'a Value> {
    stage["side_prizes"].as_array()?.iter().find(|s| s["prize"] == prize)
}

fn winners(award: Option<&Value>) -> Vec<String> {
    award
        .and_then(|a| a["winners"].as_array().cloned())
        .unwrap_or_default()
        .iter()
        .map(|w| w[0].as_str().unwrap_or("").to_owned())
        .collect()
}

#[tokio::test]
async fn the_final_encourages_every_remaining_team_gives_side_prizes_and_prints_certificates() -> Result<()> {
    let app = TestApp::with_demo().await?;
    let org = app.signed_in(ORGANIZER).await?;
    let teams = run_final(&app, &org).await?;
    let (a, b, c) = (teams[0].1.clone(), teams[1].1.clone(), teams[2].1.clone());

    let stage = app.call(&org, "results/stage", &[]).await?.json::<Value>().await?;
    let rows = stage["teams"].as_array().cloned().unwrap_or_default();
    let prize_of = |name: &str| {
        rows.iter().find(|t| t["name"] == name).map(|t| t["prize"].as_str().unwrap_or("").to_owned())
    };
    assert_eq!(prize_of(&c).as_deref(), Some("first"), "the sketch carries the best total");
    assert_eq!(prize_of(&a).as_deref(), Some("second"));
    assert_eq!(prize_of(&b).as_deref(), Some("second"), "a tie shares the prize");
    // The rules' default: every team not otherwise awarded is encouraged.
    assert_eq!(stage["rest_encouraged"], true);
    let encouraged = rows.iter().filter(|t| t["prize"] == "encouragement").count();
    assert_eq!(encouraged, rows.len() - 6, "1 first, 2 second, 3 third, and all the rest");
    assert!(rows.iter().all(|t| !t["prize"].is_null()));
    // Side prizes on the part scores: the tie for the best greeting is shared.
    assert_eq!(winners(side(&stage, "Giải Tiểu phẩm xuất sắc nhất")), vec![c.clone()]);
    let mut greeting = winners(side(&stage, "Giải Chào hỏi ấn tượng nhất"));
    greeting.sort();
    let mut expected = vec![a.clone(), b.clone()];
    expected.sort();
    assert_eq!(greeting, expected);

    // The audience votes: while voting is open the final cannot be published; once closed, the
    // most voted team is the audience favourite.
    assert_eq!(app.call(&org, "audience/vote/state", &[("open", "true")]).await?.status(), StatusCode::OK);
    let stage = app.call(&org, "results/stage", &[]).await?.json::<Value>().await?;
    assert!(stage["publish_blocker"].as_str().unwrap_or("").contains("đang bình chọn"), "{stage}");
    let b_id = teams[1].0.to_string();
    for team in [b_id.as_str(), b_id.as_str(), &teams[3].0.to_string()] {
        let res = app.call(&app.client(), "audience/vote", &[("team_id", team)]).await?;
        assert_eq!(res.status(), StatusCode::OK);
    }
    assert_eq!(app.call(&org, "audience/vote/state", &[("open", "false")]).await?.status(), StatusCode::OK);
    let stage = app.call(&org, "results/stage", &[]).await?.json::<Value>().await?;
    let favourite = side(&stage, "Giải Khán giả bình chọn");
    assert_eq!(winners(favourite), vec![b.clone()]);
    assert_eq!(favourite.map(|f| f["winners"][0][1].clone()), Some(Value::from("2 phiếu")));

    // Certificates wait for the confirmed list; contestants get none.
    let early = app.call(&org, "results/certificates", &[("scope", "stage")]).await?.json::<Value>().await?;
    assert!(early["blocker"].as_str().unwrap_or("").contains("xác nhận"));
    assert_eq!(early["items"].as_array().map(Vec::len), Some(0));
    let me = app.signed_in(CONTESTANT).await?;
    assert_eq!(
        app.call(&me, "results/certificates", &[("scope", "stage")]).await?.status(),
        StatusCode::FORBIDDEN
    );
    let confirm = app.call(&org, "results/confirm", &[("scope", "stage")]).await?;
    assert_eq!(confirm.status(), StatusCode::OK, "{}", confirm.text().await?);
    let certs = app.call(&org, "results/certificates", &[("scope", "stage")]).await?.json::<Value>().await?;
    assert_eq!(certs["blocker"], Value::Null);
    let items = certs["items"].as_array().cloned().unwrap_or_default();
    assert_eq!(items.len(), rows.len() + 4, "every team's prize plus four side prizes (one shared)");
    assert!(items.iter().any(|i| i["recipient"] == b.as_str() && i["prize"] == "Giải Khán giả bình chọn"));
    assert!(
        items.iter().any(|i| i["recipient"] == c.as_str() && i["prize"] == "Giải Tiểu phẩm xuất sắc nhất")
    );
    assert!(items.iter().any(|i| i["recipient"] == c.as_str() && i["prize"] == "Giải Nhất"));

    // Counts instead of "the rest", and no best greeting: the proposal changes and must be
    // confirmed again before certificates print.
    let saved = app
        .call(
            &org,
            "results/prizes",
            &[
                ("online", "1, 2, 3, 5"),
                ("stage", "1, 2, 3, 5"),
                ("collective", "1, 1, 1, 0"),
                ("collective_min_rate", "10"),
                ("best_sketch", "1"),
                ("best_greeting", "0"),
            ],
        )
        .await?;
    assert_eq!(saved.status(), StatusCode::OK, "{}", saved.text().await?);
    let stage = app.call(&org, "results/stage", &[]).await?.json::<Value>().await?;
    let rows = stage["teams"].as_array().cloned().unwrap_or_default();
    assert_eq!(rows.iter().filter(|t| t["prize"] == "encouragement").count(), 5);
    assert_eq!(rows.iter().filter(|t| t["prize"].is_null()).count(), rows.len() - 11);
    assert!(side(&stage, "Giải Chào hỏi ấn tượng nhất").is_none(), "a count of 0 turns it off");
    assert_eq!(stage["confirmed"]["current"], false);
    let stale = app.call(&org, "results/certificates", &[("scope", "stage")]).await?.json::<Value>().await?;
    assert_eq!(stale["items"].as_array().map(Vec::len), Some(0));

    // Bad settings are refused and change nothing.
    for (field, value) in [("best_sketch", "-1"), ("best_sketch", "hai"), ("best_greeting", "1000")] {
        let mut form = vec![
            ("online", "1, 2, 3, 5"),
            ("stage", "1, 2, 3, 5"),
            ("collective", "1, 1, 1, 0"),
            ("best_sketch", "1"),
            ("best_greeting", "0"),
        ];
        form.retain(|(k, _)| *k != field);
        form.push((field, value));
        let res = app.call(&org, "results/prizes", &form).await?;
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY, "{field}={value}");
        assert!(res.text().await?.contains("0 đến 100"));
    }
    let hub = app.call(&org, "results/hub", &[]).await?.json::<Value>().await?;
    assert_eq!(hub["side"]["best_sketch"], 1);
    assert_eq!(hub["stage_rest_encouraged"], false);
    Ok(())
}
