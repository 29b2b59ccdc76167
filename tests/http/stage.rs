use anyhow::Result;
use hoithi_tests::{HEAD_JUDGE, JUDGE, ORGANIZER, SECRETARY, TestApp};
use reqwest::{Client, StatusCode};
use serde_json::Value;

async fn overview(app: &TestApp, org: &Client) -> Result<Value> {
    Ok(app.call(org, "stage/overview", &[]).await?.json::<Value>().await?)
}

/// (part id of the greeting, team id of a unit by name).
async fn ids(app: &TestApp, org: &Client, unit: &str) -> Result<(i64, i64)> {
    let o = overview(app, org).await?;
    let part = o["parts"][0]["id"].as_i64().unwrap_or(0);
    let team = o["teams"]
        .as_array()
        .and_then(|t| t.iter().find(|t| t["unit"] == unit))
        .and_then(|t| t["id"].as_i64())
        .unwrap_or(0);
    Ok((part, team))
}

async fn save(
    app: &TestApp,
    who: &Client,
    part: i64,
    team: i64,
    scores: [&str; 3],
    submit: bool,
) -> Result<reqwest::Response> {
    let (p, t) = (part.to_string(), team.to_string());
    let mut form = vec![
        ("part_id", p.as_str()),
        ("team_id", t.as_str()),
        ("scores[0]", scores[0]),
        ("scores[1]", scores[1]),
        ("scores[2]", scores[2]),
    ];
    if submit {
        form.push(("submit", "true"));
    }
    app.call(who, "judge/sheet/save", &form).await
}

async fn sheets(app: &TestApp) -> Result<i64> {
    use sea_orm::{ConnectionTrait, Statement};
    let db = app.db.connect().await?;
    let row = db
        .query_one_raw(Statement::from_string(
            db.get_database_backend(),
            "SELECT COUNT(*) FROM judge_sheets".to_owned(),
        ))
        .await?
        .expect("row");
    Ok(row.try_get_by_index::<i64>(0)?)
}

#[tokio::test]
async fn judges_are_refused_other_sheets_their_own_unit_and_bad_values_and_nothing_changes() -> Result<()> {
    let app = TestApp::with_demo().await?;
    let org = app.signed_in(ORGANIZER).await?;
    let (part, tu_phap) = ids(&app, &org, "Sở Tư pháp").await?;
    let (_, tt_tt) = ids(&app, &org, "Sở Thông tin và Truyền thông").await?;
    // giamkhao2 is from Sở Thông tin và Truyền thông.
    let judge = app.signed_in(JUDGE).await?;

    let own = save(&app, &judge, part, tt_tt, ["8", "4", "4"], false).await?;
    assert_eq!(own.status(), StatusCode::FORBIDDEN);
    assert!(own.text().await?.contains("không chấm đội của đơn vị mình"));
    let off_step = save(&app, &judge, part, tu_phap, ["7,3", "4", "4"], false).await?;
    assert_eq!(off_step.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(off_step.text().await?.contains("bước 0,25"));
    let over = save(&app, &judge, part, tu_phap, ["10,25", "4", "4"], false).await?;
    assert_eq!(over.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(over.text().await?.contains("từ 0 đến 10"));
    assert_eq!(sheets(&app).await?, 0, "refused sheets change nothing");

    // Another judge's sheet: the head judge scores, the judge sees only an empty sheet of their own.
    let head = app.signed_in(HEAD_JUDGE).await?;
    let (_, an_nhon) = ids(&app, &org, "UBND thị xã An Nhơn").await?;
    assert_eq!(save(&app, &head, part, an_nhon, ["9", "4,5", "4"], true).await?.status(), StatusCode::OK);
    let mine = app
        .call(&judge, "judge/sheet", &[("part_id", &part.to_string()), ("team_id", &an_nhon.to_string())])
        .await?;
    let mine = mine.json::<Value>().await?;
    assert_eq!(mine["values"], serde_json::json!(["", "", ""]), "never another judge's scores");
    let detail = app.call(&judge, "stage/part", &[("id", &part.to_string())]).await?;
    assert_eq!(detail.status(), StatusCode::FORBIDDEN, "only organizers and the head judge see the totals");
    let secretary = app.signed_in(SECRETARY).await?;
    assert_eq!(
        save(&app, &secretary, part, an_nhon, ["1", "1", "1"], false).await?.status(),
        StatusCode::FORBIDDEN
    );
    Ok(())
}

#[tokio::test]
async fn a_submitted_sheet_is_locked_until_unlocked_with_a_reason_and_every_change_is_logged() -> Result<()> {
    let app = TestApp::with_demo().await?;
    let org = app.signed_in(ORGANIZER).await?;
    let (part, team) = ids(&app, &org, "Sở Y tế").await?;
    let judge = app.signed_in(JUDGE).await?;
    assert_eq!(
        save(&app, &judge, part, team, ["8", "", ""], false).await?.status(),
        StatusCode::OK,
        "a draft may be partial"
    );
    let incomplete = save(&app, &judge, part, team, ["8", "", ""], true).await?;
    assert_eq!(incomplete.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(save(&app, &judge, part, team, ["8", "4,25", "3,5"], true).await?.status(), StatusCode::OK);
    let again = save(&app, &judge, part, team, ["9", "4,25", "3,5"], false).await?;
    assert_eq!(again.status(), StatusCode::CONFLICT);
    assert!(again.text().await?.contains("đã nộp và bị khóa"));

    let detail = app.call(&org, "stage/part", &[("id", &part.to_string())]).await?.json::<Value>().await?;
    let sheet_id = detail["cells"]
        .as_array()
        .and_then(|c| c.iter().find(|c| c["status"] == "submitted"))
        .map(|c| c["sheet_id"].to_string())
        .unwrap_or_default();
    let plain_judge =
        app.call(&judge, "stage/sheet/unlock", &[("sheet_id", &sheet_id), ("reason", "tự sửa")]).await?;
    assert_eq!(plain_judge.status(), StatusCode::FORBIDDEN, "a judge cannot unlock their own sheet");
    let head = app.signed_in(HEAD_JUDGE).await?;
    let no_reason =
        app.call(&head, "stage/sheet/unlock", &[("sheet_id", &sheet_id), ("reason", "  ")]).await?;
    assert_eq!(no_reason.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let ok = app
        .call(
            &head,
            "stage/sheet/unlock",
            &[("sheet_id", &sheet_id), ("reason", "Giám khảo nhập nhầm tiêu chí Nội dung")],
        )
        .await?;
    assert_eq!(ok.status(), StatusCode::OK);
    assert_eq!(save(&app, &judge, part, team, ["9", "4,25", "3,5"], true).await?.status(), StatusCode::OK);

    let log = app.call(&org, "stage/audit", &[]).await?.json::<Value>().await?;
    let rows = log.as_array().cloned().unwrap_or_default();
    let unlock = rows.iter().find(|r| r["action"] == "Mở khóa phiếu").expect("the unlock is logged");
    assert_eq!(unlock["reason"], "Giám khảo nhập nhầm tiêu chí Nội dung");
    assert_eq!(unlock["by"], "Nguyễn Văn Thành");
    let change = rows
        .iter()
        .find(|r| r["action"] == "Chấm điểm" && r["old"] == "8" && r["new"] == "9")
        .expect("the change is logged");
    assert_eq!(change["field"], "Nội dung");
    assert_eq!(change["judge"], "Lê Thị Thu Hà");
    let csv = org.get(app.url("/ban-to-chuc/san-khau/nhat-ky.csv")).send().await?.text().await?;
    assert!(csv.contains("Giám khảo nhập nhầm tiêu chí Nội dung"));
    Ok(())
}

#[tokio::test]
async fn a_part_locks_only_when_complete_and_reviewed_then_publishes_with_trimmed_means_and_penalties()
-> Result<()> {
    let app = TestApp::with_demo().await?;
    let org = app.signed_in(ORGANIZER).await?;
    let o = overview(&app, &org).await?;
    let part = o["parts"][0]["id"].as_i64().unwrap_or(0);
    let teams: Vec<(i64, String)> = o["teams"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .map(|t| (t["id"].as_i64().unwrap_or(0), t["unit"].as_str().unwrap_or("").to_owned()))
        .collect();
    let judges = ["giamkhao1", "giamkhao2", "giamkhao3", "giamkhao4", "giamkhao5", "giamkhao6"];
    let mut clients = Vec::new();
    for j in judges {
        clients.push(app.signed_in((&format!("{j}@hoithi.test"), "GiamKhao@2017")).await?);
    }
    let early = app.call(&org, "stage/part/lock", &[("id", &part.to_string())]).await?;
    assert_eq!(early.status(), StatusCode::CONFLICT);
    assert!(early.text().await?.contains("phiếu điểm chưa nộp"));

    // Judge k gives content 6 + k; An Nhơn gets a wide spread to trigger the divergence check.
    for (k, client) in clients.iter().enumerate() {
        let home = app.call(client, "judge/home", &[]).await?.json::<Value>().await?;
        let mine: Vec<i64> = home["parts"][0]["teams"]
            .as_array()
            .cloned()
            .unwrap_or_default()
            .iter()
            .map(|t| t["id"].as_i64().unwrap_or(0))
            .collect();
        for team in mine {
            let unit = teams.iter().find(|(id, _)| *id == team).map(|(_, u)| u.as_str()).unwrap_or("");
            let content = if unit == "UBND thị xã An Nhơn" {
                ["2", "4", "6", "8", "10", "10"][k]
            } else {
                ["6", "7", "8", "9", "10", "10"][k]
            };
            let res = save(&app, client, part, team, [content, "4", "4"], true).await?;
            assert_eq!(res.status(), StatusCode::OK, "{}", res.text().await?);
        }
    }
    let blocked = app.call(&org, "stage/part/lock", &[("id", &part.to_string())]).await?;
    assert_eq!(blocked.status(), StatusCode::CONFLICT);
    assert!(blocked.text().await?.contains("chênh lệch lớn"), "a diverging team must be reviewed first");
    let an_nhon = teams.iter().find(|(_, u)| u == "UBND thị xã An Nhơn").map(|(id, _)| *id).unwrap_or(0);
    let not_head = app
        .call(
            &clients[1],
            "stage/divergence/review",
            &[("part_id", &part.to_string()), ("team_id", &an_nhon.to_string()), ("note", "x")],
        )
        .await?;
    assert_eq!(not_head.status(), StatusCode::FORBIDDEN);
    let reviewed = app
        .call(
            &clients[0],
            "stage/divergence/review",
            &[
                ("part_id", &part.to_string()),
                ("team_id", &an_nhon.to_string()),
                ("note", "Đã trao đổi, giữ nguyên"),
            ],
        )
        .await?;
    assert_eq!(reviewed.status(), StatusCode::OK);

    // A time penalty for Sở Y tế from the secretary's corrected entry.
    let y_te = teams.iter().find(|(_, u)| u == "Sở Y tế").map(|(id, _)| *id).unwrap_or(0);
    let secretary = app.signed_in(SECRETARY).await?;
    let pen = app
        .call(
            &secretary,
            "secretary/penalty",
            &[
                ("part_id", &part.to_string()),
                ("team_id", &y_te.to_string()),
                ("deduction", "1,5"),
                ("reason", "Vượt 1 phút 20 giây"),
            ],
        )
        .await?;
    assert_eq!(pen.status(), StatusCode::OK);

    assert_eq!(
        app.call(&org, "stage/part/lock", &[("id", &part.to_string())]).await?.status(),
        StatusCode::OK
    );
    let judge_after_lock = save(&app, &clients[1], part, y_te, ["5", "4", "4"], false).await?;
    assert_eq!(judge_after_lock.status(), StatusCode::CONFLICT);
    assert_eq!(
        app.call(&clients[0], "stage/part/publish", &[("id", &part.to_string())]).await?.status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        app.call(&org, "stage/part/publish", &[("id", &part.to_string())]).await?.status(),
        StatusCode::OK
    );

    let detail = app.call(&org, "stage/part", &[("id", &part.to_string())]).await?.json::<Value>().await?;
    let score = |unit: &str| {
        let id = teams.iter().find(|(_, u)| u == unit).map(|(id, _)| *id).unwrap_or(0);
        detail["results"]
            .as_array()
            .and_then(|r| r.iter().find(|r| r["team_id"] == id))
            .map(|r| (r["score"].clone(), r["penalty"].clone()))
    };
    // Five scoring judges on most teams: totals 14..18 -> drop 14 and 18 -> 16.
    assert_eq!(score("Sở Y tế"), Some((Value::from("16"), Value::from("1,5"))));
    // Sở Tư pháp: its judge (giamkhao1, content 6) stands down, the reserve (10) steps in:
    // totals 15, 16, 17, 18, 18 -> drop 15 and 18 -> (16 + 17 + 18) / 3 = 17.
    assert_eq!(score("Sở Tư pháp").map(|s| s.0), Some(Value::from("17")));
    // Sở Văn hóa và Thể thao is the reserve's unit; five scoring judges as usual.
    assert_eq!(score("Sở Văn hóa và Thể thao").map(|s| s.0), Some(Value::from("16")));
    Ok(())
}

#[tokio::test]
async fn the_secretary_times_a_team_and_a_stop_on_time_costs_nothing() -> Result<()> {
    let app = TestApp::with_demo().await?;
    let org = app.signed_in(ORGANIZER).await?;
    let (part, team) = ids(&app, &org, "Sở Xây dựng").await?;
    let secretary = app.signed_in(SECRETARY).await?;
    let act = |a: &'static str| {
        let (p, t) = (part.to_string(), team.to_string());
        let secretary = secretary.clone();
        let app = &app;
        async move {
            app.call(
                &secretary,
                "secretary/timer",
                &[("part_id", p.as_str()), ("team_id", t.as_str()), ("action", a)],
            )
            .await
        }
    };
    assert_eq!(act("pause").await?.status(), StatusCode::CONFLICT, "nothing to pause yet");
    assert_eq!(act("start").await?.status(), StatusCode::OK);
    tokio::time::sleep(std::time::Duration::from_millis(1200)).await;
    assert_eq!(act("pause").await?.status(), StatusCode::OK);
    let view = app
        .call(&secretary, "secretary/timers", &[("part_id", &part.to_string())])
        .await?
        .json::<Value>()
        .await?;
    let row = view["timers"]
        .as_array()
        .and_then(|t| t.iter().find(|r| r["team_id"] == team))
        .cloned()
        .unwrap_or_default();
    assert_eq!(row["state"], "paused");
    let elapsed = row["elapsed_ms"].as_i64().unwrap_or(0);
    assert!((1000..5000).contains(&elapsed), "{elapsed}");
    assert_eq!(act("start").await?.status(), StatusCode::OK);
    assert_eq!(act("stop").await?.status(), StatusCode::OK);
    let view = app
        .call(&secretary, "secretary/timers", &[("part_id", &part.to_string())])
        .await?
        .json::<Value>()
        .await?;
    let row = view["timers"]
        .as_array()
        .and_then(|t| t.iter().find(|r| r["team_id"] == team))
        .cloned()
        .unwrap_or_default();
    assert_eq!(row["state"], "stopped");
    assert_eq!(row["penalty"], "0", "on time: no deduction");
    let contestant = app.signed_in(hoithi_tests::CONTESTANT).await?;
    let refused = app
        .call(
            &contestant,
            "secretary/timer",
            &[("part_id", &part.to_string()), ("team_id", &team.to_string()), ("action", "reset")],
        )
        .await?;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    Ok(())
}

#[tokio::test]
async fn the_head_judge_does_not_review_their_own_units_team_and_organizers_confirm_it() -> Result<()> {
    let app = TestApp::with_demo().await?;
    let org = app.signed_in(ORGANIZER).await?;
    // giamkhao1, the head judge, is from Sở Tư pháp.
    let (part, tu_phap) = ids(&app, &org, "Sở Tư pháp").await?;
    let (_, y_te) = ids(&app, &org, "Sở Y tế").await?;
    let head = app.signed_in(HEAD_JUDGE).await?;
    let review = |who: &Client, team: i64| {
        let (who, app) = (who.clone(), &app);
        async move {
            app.call(
                &who,
                "stage/divergence/review",
                &[("part_id", &part.to_string()), ("team_id", &team.to_string()), ("note", "Đã xem lại")],
            )
            .await
        }
    };
    let own = review(&head, tu_phap).await?;
    assert_eq!(own.status(), StatusCode::FORBIDDEN);
    assert!(own.text().await?.contains("đơn vị mình"));
    let not_theirs = review(&org, y_te).await?;
    assert_eq!(not_theirs.status(), StatusCode::FORBIDDEN, "other teams are the head judge's to review");
    assert_eq!(review(&org, tu_phap).await?.status(), StatusCode::OK);
    assert_eq!(review(&head, y_te).await?.status(), StatusCode::OK);

    let detail = app.call(&org, "stage/part", &[("id", &part.to_string())]).await?.json::<Value>().await?;
    let recused: Vec<i64> = detail["results"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .filter(|r| r["head_recused"] == true)
        .filter_map(|r| r["team_id"].as_i64())
        .collect();
    assert_eq!(recused, vec![tu_phap], "the page knows which team the organizers review");
    Ok(())
}
