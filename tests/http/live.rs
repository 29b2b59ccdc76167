use anyhow::Result;
use hoithi_tests::{ORGANIZER, TestApp};
use reqwest::{Client, StatusCode};
use serde_json::Value;
use std::time::Duration;

const TEAM_A: (&str, &str) = ("doi01@hoithi.test", "DoiThi@2017");
const TEAM_B: (&str, &str) = ("doi02@hoithi.test", "DoiThi@2017");
const TEAM_C: (&str, &str) = ("doi03@hoithi.test", "DoiThi@2017");

/// A live round of two true/false-free single-answer questions from the bank, 3 s each.
async fn setup(app: &TestApp, org: &Client) -> Result<(i32, Vec<usize>)> {
    let codes = "tthc-001, mc-001";
    let res = app
        .call(
            org,
            "live/create",
            &[
                ("name", "Thử trực tiếp"),
                ("codes", codes),
                ("draw", ""),
                ("question_secs", "5"),
                ("points", "2"),
                ("speed_bonus", "0"),
            ],
        )
        .await?;
    assert!(res.status().is_success(), "{}", res.text().await?);
    let id = res.json::<i32>().await?;
    let mut keys = Vec::new();
    for code in ["tthc-001", "mc-001"] {
        let q = app.call(org, "organizer/question", &[("code", code)]).await?.json::<Value>().await?;
        keys.push(q["correct"][0].as_u64().unwrap_or(0) as usize);
    }
    Ok((id, keys))
}

async fn cmd(app: &TestApp, org: &Client, id: i32, command: &str) -> Result<StatusCode> {
    Ok(app.call(org, "live/command", &[("id", &id.to_string()), ("command", command)]).await?.status())
}

async fn device(app: &TestApp, team: &Client) -> Result<Value> {
    Ok(app.call(team, "live/team", &[]).await?.json::<Value>().await?)
}

async fn answer(app: &TestApp, team: &Client, id: i32, option: usize) -> Result<reqwest::Response> {
    app.call(team, "live/answer", &[("id", &id.to_string()), ("option", &option.to_string())]).await
}

#[tokio::test]
async fn teams_answer_a_late_one_is_refused_the_reveal_counts_right_and_points_reach_the_stage() -> Result<()>
{
    let app = TestApp::with_demo().await?;
    let org = app.signed_in(ORGANIZER).await?;
    let (id, keys) = setup(&app, &org).await?;
    let (a, b, c) =
        (app.signed_in(TEAM_A).await?, app.signed_in(TEAM_B).await?, app.signed_in(TEAM_C).await?);

    assert_eq!(
        cmd(&app, &org, id, "start").await?,
        StatusCode::CONFLICT,
        "no timer before a question is shown"
    );
    assert_eq!(cmd(&app, &org, id, "next").await?, StatusCode::OK);
    let shown = device(&app, &a).await?;
    assert_eq!(shown["phase"], "showing");
    assert_eq!(shown["correct"], Value::Null, "the key never reaches a device before the reveal");
    assert_eq!(
        answer(&app, &a, id, 0).await?.status(),
        StatusCode::CONFLICT,
        "no answers before the timer starts"
    );
    assert_eq!(cmd(&app, &org, id, "start").await?, StatusCode::OK);

    let wrong = (keys[0] + 1) % 2;
    assert_eq!(answer(&app, &a, id, wrong).await?.status(), StatusCode::OK);
    assert_eq!(
        answer(&app, &a, id, keys[0]).await?.status(),
        StatusCode::OK,
        "a team may change its answer in time"
    );
    assert_eq!(answer(&app, &b, id, wrong).await?.status(), StatusCode::OK);
    assert_eq!(answer(&app, &b, id, 9).await?.status(), StatusCode::UNPROCESSABLE_ENTITY);
    // A reload mid-question: the same question and the time left by the server's clock.
    let first = device(&app, &b).await?;
    tokio::time::sleep(Duration::from_millis(1200)).await;
    let reloaded = device(&app, &b).await?;
    assert_eq!(reloaded["text"], first["text"]);
    assert_eq!(reloaded["my_answer"], wrong);
    let (before, after) =
        (first["remaining_ms"].as_i64().unwrap_or(0), reloaded["remaining_ms"].as_i64().unwrap_or(0));
    assert!(after < before && after > 0 && after <= 5_000, "{before} -> {after}");
    assert_eq!(reloaded["correct"], Value::Null);

    tokio::time::sleep(Duration::from_millis(after as u64 + 800)).await;
    let late = answer(&app, &c, id, keys[0]).await?;
    assert_eq!(late.status(), StatusCode::CONFLICT);
    assert!(late.text().await?.contains("hết giờ"));
    assert_eq!(cmd(&app, &org, id, "reveal").await?, StatusCode::OK);
    let projector =
        app.call(&app.client(), "live/projector", &[("id", &id.to_string())]).await?.json::<Value>().await?;
    let mut expected = vec![0; projector["options"].as_array().map_or(0, Vec::len)];
    expected[keys[0]] += 1;
    expected[wrong] += 1;
    assert_eq!(
        projector["distribution"],
        serde_json::json!(expected),
        "one right, one wrong, the late one not counted"
    );
    assert_eq!(projector["correct"], keys[0]);
    let a_view = device(&app, &a).await?;
    assert_eq!(a_view["my_points"], "2");
    assert_eq!(device(&app, &b).await?["my_points"], "0");

    // The host voids the second question after it turns out wrong: it counts for no one.
    cmd(&app, &org, id, "next").await?;
    cmd(&app, &org, id, "start").await?;
    answer(&app, &b, id, keys[1]).await?;
    cmd(&app, &org, id, "lock").await?;
    cmd(&app, &org, id, "reveal").await?;
    assert_eq!(device(&app, &b).await?["my_points"], "2");
    let void = app
        .call(
            &org,
            "live/void",
            &[
                ("id", &id.to_string()),
                ("question", "1"),
                ("reason", "Đáp án trong ngân hàng chưa chính xác"),
                ("action", "void_removed"),
            ],
        )
        .await?;
    assert_eq!(void.status(), StatusCode::OK);
    assert_eq!(device(&app, &b).await?["my_points"], "0");
    // The first question turns out to have two defensible answers: it counts right for every
    // team, also the one whose answer came too late.
    let for_all = [
        ("id", id.to_string()),
        ("question", "0".into()),
        ("reason", "Có hai cách hiểu".into()),
        ("action", "void_correct".into()),
    ];
    let fields: Vec<(&str, &str)> = for_all.iter().map(|(k, v)| (*k, v.as_str())).collect();
    assert_eq!(app.call(&org, "live/void", &fields).await?.status(), StatusCode::OK);
    assert_eq!(device(&app, &c).await?["my_points"], "2", "counted right for every team");
    assert_eq!(device(&app, &a).await?["my_points"], "2", "not twice for a team that was right");
    let bad = [
        ("id", id.to_string()),
        ("question", "0".into()),
        ("reason", "x".into()),
        ("action", "delete".into()),
    ];
    let fields: Vec<(&str, &str)> = bad.iter().map(|(k, v)| (*k, v.as_str())).collect();
    assert_eq!(app.call(&org, "live/void", &fields).await?.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(cmd(&app, &org, id, "end").await?, StatusCode::OK);

    let stage = app.call(&org, "results/stage", &[]).await?.json::<Value>().await?;
    let team_a = stage["teams"].as_array().and_then(|t| t.iter().find(|t| t["knowledge"] == "2")).cloned();
    assert!(team_a.is_some(), "the live round's points flow into the stage standings: {stage}");
    Ok(())
}

#[tokio::test]
async fn the_round_survives_a_restart_and_devices_find_their_place() -> Result<()> {
    let mut app = TestApp::with_demo().await?;
    let org = app.signed_in(ORGANIZER).await?;
    let (id, _) = setup(&app, &org).await?;
    cmd(&app, &org, id, "next").await?;
    let before = device(&app, &app.signed_in(TEAM_A).await?).await?;
    app.stop().await?;
    app.start().await?;
    let a = app.signed_in(TEAM_A).await?;
    let after = device(&app, &a).await?;
    assert_eq!(after["phase"], "showing");
    assert_eq!(after["index"], before["index"]);
    assert_eq!(after["text"], before["text"]);
    let org = app.signed_in(ORGANIZER).await?;
    assert_eq!(cmd(&app, &org, id, "start").await?, StatusCode::OK, "the host carries on where it was");
    Ok(())
}

/// Reads an SSE stream until it contains `needle`; returns everything read. Waits as long as
/// the stream stays open (a stuck test is stopped by the runner, not by a clock here).
async fn wait_event(res: &mut reqwest::Response, needle: &str) -> Result<String> {
    let mut seen = String::new();
    while let Some(bytes) = res.chunk().await? {
        seen.push_str(&String::from_utf8_lossy(&bytes));
        if seen.contains(needle) {
            return Ok(seen);
        }
    }
    anyhow::bail!("the stream ended without {needle:?}; got {seen:?}")
}

#[tokio::test]
async fn on_postgresql_an_event_from_one_server_reaches_a_subscriber_of_another() -> Result<()> {
    let app = TestApp::with_demo().await?;
    if !app.db.is_postgres() {
        // Cross-process events use PostgreSQL LISTEN/NOTIFY; CI runs this test on PostgreSQL.
        return Ok(());
    }
    let other = app.second().await?;
    let org = app.signed_in(ORGANIZER).await?;
    let (id, _) = setup(&app, &org).await?;
    let mut stream =
        reqwest::Client::new().get(other.url(&format!("/su-kien/truc-tiep/{id}"))).send().await?;
    wait_event(&mut stream, "hello").await?;
    // Both servers reported healthy only once they listened, so nothing sent now can be missed.
    assert_eq!(cmd(&app, &org, id, "next").await?, StatusCode::OK);
    wait_event(&mut stream, &format!("live:{id}")).await?;
    Ok(())
}

#[tokio::test]
async fn a_live_round_can_be_drawn_from_one_topic_and_refuses_what_the_bank_cannot_fill() -> Result<()> {
    let app = TestApp::with_demo().await?;
    let org = app.signed_in(ORGANIZER).await?;
    let form = |draw: &'static str| {
        [
            ("name", "Rút theo chủ đề"),
            ("codes", ""),
            ("draw", draw),
            ("question_secs", "30"),
            ("points", "2"),
            ("speed_bonus", "0"),
            ("topic", "iso-quality"),
            ("difficulty", ""),
        ]
    };
    let res = app.call(&org, "live/create", &form("3")).await?;
    assert_eq!(res.status(), StatusCode::OK);
    let id = res.json::<i32>().await?;
    cmd(&app, &org, id, "next").await?;
    let host = app.call(&org, "live/host", &[("id", &id.to_string())]).await?.json::<Value>().await?;
    assert_eq!(host["questions"], 3);
    let too_many = app.call(&org, "live/create", &form("50")).await?;
    assert_eq!(too_many.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(too_many.text().await?.contains("Không đủ câu hỏi"));
    // A several-answer question cannot be played with one choice per team.
    let multiple = app
        .call(
            &org,
            "live/create",
            &[
                ("name", "x"),
                ("codes", "tthc-005"),
                ("draw", ""),
                ("question_secs", "30"),
                ("points", "2"),
                ("speed_bonus", "0"),
            ],
        )
        .await?;
    assert_eq!(multiple.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(multiple.text().await?.contains("nhiều đáp án"));
    Ok(())
}
