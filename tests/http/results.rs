use anyhow::Result;
use hoithi_tests::{
    CONTESTANT, ORGANIZER, TestApp,
    rounds::{answer, create_round, start},
};
use reqwest::{Client, StatusCode};
use sea_orm::{ConnectionTrait, Statement};
use serde_json::Value;
use std::time::Duration;

/// Signs in as demo contestant `n`, takes an attempt answering the first `answers` questions, submits.
async fn take(app: &TestApp, n: u32, round: i32, answers: i64) -> Result<Client> {
    let who = app.signed_in((&format!("thisinh{n:03}@hoithi.test"), "ThiSinh@2017")).await?;
    let attempt = start(app, &who, round).await?;
    for position in 1..=answers {
        answer(app, &who, attempt, position, "0").await?;
    }
    app.call(&who, "contestant/submit", &[("attempt_id", &attempt.to_string())]).await?;
    Ok(who)
}

async fn wait_closed(app: &TestApp, round: i32) -> Result<()> {
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    let db = app.db.connect().await?;
    loop {
        let row = db
            .query_one_raw(Statement::from_string(
                db.get_database_backend(),
                format!(
                    "SELECT COUNT(*) FROM rounds WHERE id = {round} AND participants_at_close IS NOT NULL"
                ),
            ))
            .await?
            .expect("row");
        if row.try_get_by_index::<i64>(0)? == 1 {
            return Ok(());
        }
        assert!(std::time::Instant::now() < deadline, "the round never froze its figure");
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
}

#[tokio::test]
async fn an_unscored_final_is_neither_ranked_for_prizes_nor_publishable() -> Result<()> {
    let app = TestApp::with_demo().await?;
    let org = app.signed_in(ORGANIZER).await?;
    let stage = app.call(&org, "results/stage", &[]).await?.json::<Value>().await?;
    assert!(
        stage["teams"].as_array().is_some_and(|t| !t.is_empty() && t.iter().all(|t| t["prize"].is_null()))
    );
    assert!(stage["publish_blocker"].as_str().unwrap_or_default().contains("chưa khoá và công bố"));
    let publish = app.call(&org, "results/stage/publish", &[("published", "true")]).await?;
    assert_eq!(publish.status(), StatusCode::CONFLICT);
    let confirm = app.call(&org, "results/confirm", &[("scope", "stage")]).await?;
    assert_eq!(confirm.status(), StatusCode::CONFLICT, "nothing to confirm yet");
    let public = app.call(&app.client(), "results/stage", &[]).await?;
    assert_eq!(public.status(), StatusCode::CONFLICT, "still not public");
    Ok(())
}

#[tokio::test]
async fn results_stay_hidden_until_published_after_the_close_then_everyone_sees_them() -> Result<()> {
    let app = TestApp::with_demo().await?;
    let org = app.signed_in(ORGANIZER).await?;
    let round = create_round(&app, &org, 5_000, "3", "after_close").await?;
    let me = take(&app, 1, round, 20).await?;
    take(&app, 2, round, 10).await?;
    let early =
        app.call(&org, "results/round/publish", &[("id", &round.to_string()), ("published", "true")]).await?;
    assert_eq!(early.status(), StatusCode::CONFLICT, "an open round cannot be published");
    let hidden = app.call(&me, "results/round", &[("id", &round.to_string())]).await?;
    assert_eq!(hidden.status(), StatusCode::CONFLICT);
    let projector = app.call(&app.client(), "results/projector", &[]).await?.json::<Value>().await?;
    assert_eq!(projector["rounds"].as_array().map(Vec::len), Some(0), "nothing public before publication");

    wait_closed(&app, round).await?;
    let private =
        app.call(&org, "results/round", &[("id", &round.to_string())]).await?.json::<Value>().await?;
    assert_eq!(private["figure"], 2, "two people took part");
    assert_eq!(private["people"].as_array().map(Vec::len), Some(2));
    assert_eq!(private["confirmed"], Value::Null, "prizes are proposed, not yet confirmed");
    let unconfirmed =
        app.call(&org, "results/round/publish", &[("id", &round.to_string()), ("published", "true")]).await?;
    assert_eq!(unconfirmed.status(), StatusCode::CONFLICT, "the prize list is confirmed first");
    assert!(unconfirmed.text().await?.contains("xác nhận danh sách giải"));
    // Two people of two units (out of hundreds of staff each): below the minimum rate, no unit prize.
    assert!(private["collective_rule"].as_str().unwrap_or_default().contains("từ 10% trở lên"));
    let units = private["units"].as_array().cloned().unwrap_or_default();
    assert!(units.iter().all(|u| u["rate_bp"].as_u64().unwrap_or(0) >= 1_000 || u["prize"].is_null()));
    let confirmed = app.call(&org, "results/confirm", &[("scope", &format!("round:{round}"))]).await?;
    assert_eq!(confirmed.status(), StatusCode::OK);
    let after = app.call(&org, "results/round", &[("id", &round.to_string())]).await?.json::<Value>().await?;
    assert_eq!(after["confirmed"]["current"], true);
    assert_eq!(after["confirmed"]["by"], "Trần Minh Quang");
    assert_eq!(after["confirmed"]["winners"][0][1], "Giải Nhất");
    assert_eq!(
        app.call(&me, "results/confirm", &[("scope", &format!("round:{round}"))]).await?.status(),
        StatusCode::FORBIDDEN
    );
    let published =
        app.call(&org, "results/round/publish", &[("id", &round.to_string()), ("published", "true")]).await?;
    assert_eq!(published.status(), StatusCode::OK);

    let public = app
        .call(&app.client(), "results/round", &[("id", &round.to_string())])
        .await?
        .json::<Value>()
        .await?;
    assert_eq!(public["people"], after["people"]);
    let mine = app.call(&me, "results/mine", &[]).await?.json::<Value>().await?;
    let standing =
        mine.as_array().and_then(|m| m.iter().find(|s| s["round_id"] == round)).cloned().unwrap_or_default();
    assert!(standing["rank"].as_u64().is_some_and(|r| r == 1 || r == 2), "{standing}");
    assert_eq!(standing["people"], 2);
    assert!(standing["unit"]["participants"].as_u64().is_some(), "the contestant's unit standing is shown");
    Ok(())
}

#[tokio::test]
async fn unit_tallies_kept_as_attempts_finish_match_a_recount_from_the_attempts() -> Result<()> {
    let app = TestApp::with_demo().await?;
    let org = app.signed_in(ORGANIZER).await?;
    let round = create_round(&app, &org, 3_600_000, "3", "after_close").await?;
    for (n, answers) in [(1, 5), (1, 20), (1, 3), (2, 12), (3, 20), (4, 0)] {
        take(&app, n, round, answers).await?;
    }
    let db = app.db.connect().await?;
    let backend = db.get_database_backend();
    let kept = db
        .query_all_raw(Statement::from_string(backend, format!("SELECT unit_id, CAST(participants AS BIGINT), sum_best FROM round_unit_stats WHERE round_id = {round} ORDER BY unit_id")))
        .await?;
    let recount = db
        .query_all_raw(Statement::from_string(
            backend,
            format!(
                "SELECT u.unit_id, COUNT(*), SUM(b.best) FROM (SELECT user_id, MAX(correct) AS best FROM attempts \
                 WHERE round_id = {round} AND finished = true GROUP BY user_id) b JOIN users u ON u.id = b.user_id GROUP BY u.unit_id ORDER BY u.unit_id"
            ),
        ))
        .await?;
    let rows = |rs: Vec<sea_orm::QueryResult>| -> Result<Vec<(i64, i64, i64)>> {
        rs.iter()
            .map(|r| {
                Ok((
                    r.try_get_by_index::<i32>(0)? as i64,
                    r.try_get_by_index::<i64>(1)?,
                    r.try_get_by_index::<i64>(2)?,
                ))
            })
            .collect()
    };
    let (kept, recount) = (rows(kept)?, rows(recount)?);
    assert!(!kept.is_empty());
    assert_eq!(kept, recount);
    Ok(())
}

#[tokio::test]
async fn the_xlsx_export_reads_back_as_the_leaderboard() -> Result<()> {
    let app = TestApp::with_demo().await?;
    let org = app.signed_in(ORGANIZER).await?;
    let round = create_round(&app, &org, 4_000, "3", "after_close").await?;
    for (n, answers) in [(1, 20), (2, 8), (3, 14)] {
        take(&app, n, round, answers).await?;
    }
    wait_closed(&app, round).await?;
    let board = app.call(&org, "results/round", &[("id", &round.to_string())]).await?.json::<Value>().await?;
    let bytes =
        org.get(app.url(&format!("/ban-to-chuc/ket-qua/vong/{round}.xlsx"))).send().await?.bytes().await?;
    use calamine::Reader;
    let mut book = calamine::Xlsx::new(std::io::Cursor::new(bytes.to_vec()))?;
    let people = book.worksheet_range("Cá nhân")?;
    let rows: Vec<Vec<String>> =
        people.rows().skip(1).map(|r| r.iter().map(|c| c.to_string()).collect()).collect();
    let expected: Vec<Vec<String>> = board["people"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .map(|p| {
            vec![
                p["rank"].to_string(),
                p["name"].as_str().unwrap_or("").to_owned(),
                p["unit"].as_str().unwrap_or("").to_owned(),
                p["correct"].to_string(),
            ]
        })
        .collect();
    assert_eq!(rows.iter().map(|r| r[..4].to_vec()).collect::<Vec<_>>(), expected);
    let units = book.worksheet_range("Tập thể")?;
    assert_eq!(units.height() - 1, board["units"].as_array().map_or(0, Vec::len));
    let unit_rates: Vec<String> = units.rows().skip(1).map(|r| r[5].to_string()).collect();
    let board_rates: Vec<String> = board["units"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .map(|u| u["rate"].as_str().unwrap_or("").to_owned())
        .collect();
    assert_eq!(unit_rates, board_rates);
    let contestant = app.signed_in(CONTESTANT).await?;
    let refused = contestant.get(app.url(&format!("/ban-to-chuc/ket-qua/vong/{round}.xlsx"))).send().await?;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    Ok(())
}

#[tokio::test]
async fn across_rounds_each_person_counts_once_for_their_unit() -> Result<()> {
    let app = TestApp::with_demo().await?;
    let org = app.signed_in(ORGANIZER).await?;
    let first = create_round(&app, &org, 3_600_000, "3", "after_close").await?;
    let second = create_round(&app, &org, 3_600_000, "3", "after_close").await?;
    take(&app, 1, first, 4).await?;
    take(&app, 1, second, 6).await?;
    take(&app, 2, second, 2).await?;
    let me = app.call(&app.signed_in(CONTESTANT).await?, "current-user", &[]).await?.json::<Value>().await?;
    let unit = me["unit_name"].as_str().unwrap_or_default().to_owned();
    let rows = app.call(&org, "results/all-rounds", &[]).await?.json::<Value>().await?;
    let mine = rows
        .as_array()
        .and_then(|r| r.iter().find(|u| u["name"] == unit.as_str()))
        .cloned()
        .unwrap_or_default();
    let others: u64 = rows
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .filter(|u| u["name"] != unit.as_str())
        .map(|u| u["participants"].as_u64().unwrap_or(0))
        .sum();
    let total: u64 = rows
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .map(|u| u["participants"].as_u64().unwrap_or(0))
        .sum();
    assert_eq!(total, 2, "two people took part, one of them in both rounds");
    assert!(mine["participants"].as_u64().unwrap_or(0) >= 1 && others <= 1);
    let public = app.call(&app.client(), "results/all-rounds", &[]).await?.json::<Value>().await?;
    let public_total: u64 = public
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .map(|u| u["participants"].as_u64().unwrap_or(0))
        .sum();
    assert_eq!(public_total, 0, "unpublished rounds are not counted publicly");
    Ok(())
}
