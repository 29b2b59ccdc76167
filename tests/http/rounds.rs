use anyhow::Result;
use domain::question::LegalDate;
use hoithi_tests::{
    CONTESTANT, ORGANIZER, TestApp, TestDb,
    rounds::{answer, create_round, paper, start},
};
use reqwest::StatusCode;
use sea_orm::{ConnectionTrait, Statement};
use serde_json::Value;
use std::time::Duration;

async fn scalar(db: &TestDb, sql: &str) -> Result<i64> {
    let conn = db.connect().await?;
    let row = conn
        .query_one_raw(Statement::from_string(conn.get_database_backend(), sql.to_owned()))
        .await?
        .expect("a row");
    Ok(row.try_get_by_index::<i64>(0)?)
}

#[tokio::test]
async fn answers_are_saved_idempotently_resumed_on_reload_and_scored_on_submit() -> Result<()> {
    let app = TestApp::with_demo().await?;
    let org = app.signed_in(ORGANIZER).await?;
    let round = create_round(&app, &org, 3_600_000, "3", "after_submit").await?;
    let me = app.signed_in(CONTESTANT).await?;
    let attempt = start(&app, &me, round).await?;
    let first = paper(&app, &me, attempt).await?;
    assert_eq!(first["questions"].as_array().map(Vec::len), Some(20));
    let remaining = first["remaining_ms"].as_i64().unwrap_or(0);
    assert!(remaining > 14 * 60_000 && remaining <= 15 * 60_000, "{remaining}");

    for _ in 0..2 {
        let res = answer(&app, &me, attempt, 1, "0").await?;
        assert_eq!(res.status(), StatusCode::OK, "saving twice is harmless");
    }
    assert_eq!(answer(&app, &me, attempt, 2, "1").await?.status(), StatusCode::OK);
    assert_eq!(
        scalar(&app.db, &format!("SELECT COUNT(*) FROM answers WHERE attempt_id = {attempt}")).await?,
        2
    );
    let ip = scalar(
        &app.db,
        &format!("SELECT COUNT(*) FROM answers WHERE attempt_id = {attempt} AND client_ip = '127.0.0.1'"),
    )
    .await?;
    assert_eq!(ip, 2, "answers keep the client IP");

    // Another device (a new sign-in) gets the same paper and answers, and the same deadline.
    let other_device = app.signed_in(CONTESTANT).await?;
    assert_eq!(start(&app, &other_device, round).await?, attempt, "starting again resumes");
    let again = paper(&app, &other_device, attempt).await?;
    assert_eq!(again["questions"], {
        let mut q = first["questions"].clone();
        q[0]["chosen"] = serde_json::json!([0]);
        q[1]["chosen"] = serde_json::json!([1]);
        q
    });
    assert_eq!(again["deadline_ms"], first["deadline_ms"]);

    let res = app.call(&me, "contestant/submit", &[("attempt_id", &attempt.to_string())]).await?;
    assert_eq!(res.status(), StatusCode::OK);
    let result =
        app.call(&me, "contestant/result", &[("id", &attempt.to_string())]).await?.json::<Value>().await?;
    let review = result["review"].as_array().cloned().unwrap_or_default();
    assert_eq!(review.len(), 20);
    let expected = review
        .iter()
        .filter(|q| !q["chosen"].as_array().is_some_and(|c| c.is_empty()) && q["chosen"] == q["correct"])
        .count();
    assert_eq!(result["correct"].as_i64(), Some(expected as i64), "score matches the review");

    let late = answer(&app, &me, attempt, 3, "0").await?;
    assert_eq!(late.status(), StatusCode::CONFLICT, "no answers after submitting");
    assert_eq!(
        scalar(&app.db, &format!("SELECT COUNT(*) FROM answers WHERE attempt_id = {attempt}")).await?,
        2
    );
    Ok(())
}

#[tokio::test]
async fn the_paper_never_carries_answers_and_two_attempts_differ_and_seeds_redraw_the_same_paper()
-> Result<()> {
    let app = TestApp::with_demo().await?;
    let org = app.signed_in(ORGANIZER).await?;
    let round = create_round(&app, &org, 3_600_000, "3", "after_submit").await?;
    let me = app.signed_in(CONTESTANT).await?;
    let a = start(&app, &me, round).await?;
    let res = app.call(&me, "contestant/attempt", &[("id", &a.to_string())]).await?;
    let body = res.text().await?;
    for leak in ["correct", "explanation", "basis", "Căn cứ"] {
        assert!(!body.contains(leak), "the paper response contains {leak:?}");
    }
    let page = me.get(app.url(&format!("/thi-sinh/bai-thi/{a}"))).send().await?.text().await?;
    let conn = app.db.connect().await?;
    let explanations = conn
        .query_all_raw(Statement::from_string(
            conn.get_database_backend(),
            format!("SELECT v.explanation FROM attempt_questions q JOIN question_versions v ON v.id = q.question_version_id WHERE q.attempt_id = {a}"),
        ))
        .await?;
    for row in explanations {
        let explanation: String = row.try_get_by_index(0)?;
        assert!(!page.contains(&explanation), "the quiz page shows an explanation");
    }

    app.call(&me, "contestant/submit", &[("attempt_id", &a.to_string())]).await?;
    let b = start(&app, &me, round).await?;
    assert_ne!(a, b);
    let pa = scalar(&app.db, &format!("SELECT COUNT(*) FROM attempt_questions x JOIN attempt_questions y ON x.question_version_id = y.question_version_id AND x.position = y.position WHERE x.attempt_id = {a} AND y.attempt_id = {b}")).await?;
    assert!(pa < 20, "two attempts got the same paper");
    for attempt in [a, b] {
        let verified =
            app.call(&org, "organizer/attempt/verify", &[("attempt_id", &attempt.to_string())]).await?;
        assert!(verified.json::<bool>().await?, "the stored seed redraws the stored paper");
    }
    Ok(())
}

#[tokio::test]
async fn the_home_page_shows_the_rounds_as_the_organizers_set_them() -> Result<()> {
    let app = TestApp::with_demo().await?;
    let home = || async { reqwest::get(app.url("/")).await?.text().await };
    let before = home().await?;
    assert!(before.contains("Vòng sơ khảo trực tuyến (thử nghiệm)"), "the demo round is listed");
    assert!(before.contains("20 câu hỏi · 15 phút mỗi lần · tối đa 3 lần, tính lần cao nhất"));
    assert!(!before.contains("làm 1 lần"));

    let org = app.signed_in(ORGANIZER).await?;
    create_round(&app, &org, 3_600_000, "1", "after_close").await?;
    let after = home().await?;
    assert!(after.contains("20 câu hỏi · 15 phút mỗi lần · làm 1 lần"), "a new round shows its own settings");
    assert!(!after.contains("Xem kết quả"), "nothing is published yet");
    Ok(())
}

#[tokio::test]
async fn keys_wait_for_the_last_allowed_attempt_under_the_after_last_submit_policy() -> Result<()> {
    let app = TestApp::with_demo().await?;
    let org = app.signed_in(ORGANIZER).await?;
    let round = create_round(&app, &org, 3_600_000, "2", "after_last_submit").await?;
    let me = app.signed_in(CONTESTANT).await?;
    let result = |attempt: i64| {
        let me = &me;
        let app = &app;
        async move {
            anyhow::Ok(
                app.call(me, "contestant/result", &[("id", &attempt.to_string())])
                    .await?
                    .json::<Value>()
                    .await?,
            )
        }
    };

    let first = start(&app, &me, round).await?;
    app.call(&me, "contestant/submit", &[("attempt_id", &first.to_string())]).await?;
    let early = result(first).await?;
    assert!(early["review"].is_null(), "one attempt is left: no keys yet");
    assert!(early["review_note"].as_str().unwrap_or_default().contains("dùng hết số lần"));

    let second = start(&app, &me, round).await?;
    app.call(&me, "contestant/submit", &[("attempt_id", &second.to_string())]).await?;
    for attempt in [first, second] {
        let last = result(attempt).await?;
        assert_eq!(last["review"].as_array().map(Vec::len), Some(20), "every attempt used: keys shown");
    }
    Ok(())
}

#[tokio::test]
async fn bad_requests_are_refused_with_clear_4xx_and_change_nothing() -> Result<()> {
    let app = TestApp::with_demo().await?;
    let org = app.signed_in(ORGANIZER).await?;
    let round = create_round(&app, &org, 3_600_000, "1", "after_close").await?;
    let me = app.signed_in(CONTESTANT).await?;
    let attempt = start(&app, &me, round).await?;
    assert_eq!(answer(&app, &me, attempt, 1, "0").await?.status(), StatusCode::OK);
    let count = || scalar(&app.db, "SELECT COUNT(*) FROM answers");
    let before = count().await?;

    let not_on_paper = answer(&app, &me, attempt, 99, "0").await?;
    assert_eq!(not_on_paper.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(not_on_paper.text().await?.contains("không có trong đề"));
    let tampered = answer(&app, &me, attempt, 2, "9").await?;
    assert_eq!(tampered.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let garbage = answer(&app, &me, attempt, 2, "x").await?;
    assert_eq!(garbage.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let stranger = app.signed_in(("thisinh002@hoithi.test", "ThiSinh@2017")).await?;
    let theirs = answer(&app, &stranger, attempt, 2, "0").await?;
    assert_eq!(theirs.status(), StatusCode::FORBIDDEN);
    let peek = app.call(&stranger, "contestant/attempt", &[("id", &attempt.to_string())]).await?;
    assert_eq!(peek.status(), StatusCode::FORBIDDEN);
    let anonymous = answer(&app, &app.client(), attempt, 2, "0").await?;
    assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(count().await?, before, "refused answers changed nothing");

    app.call(&me, "contestant/submit", &[("attempt_id", &attempt.to_string())]).await?;
    let more = app.call(&me, "contestant/start", &[("round_id", &round.to_string())]).await?;
    assert_eq!(more.status(), StatusCode::CONFLICT);
    assert!(more.text().await?.contains("hết 1 lượt"));
    assert_eq!(scalar(&app.db, "SELECT COUNT(*) FROM attempts").await?, 1, "no extra attempt");

    // A round that has closed takes no new attempts.
    let closed = create_round(&app, &org, -60_000, "3", "after_close").await;
    assert!(
        closed.is_err() || {
            let res = app
                .call(&stranger, "contestant/start", &[("round_id", &closed.unwrap_or(0).to_string())])
                .await?;
            res.status() == StatusCode::CONFLICT
        }
    );
    Ok(())
}

#[tokio::test]
async fn an_abandoned_attempt_is_finished_at_its_deadline_even_across_a_restart() -> Result<()> {
    let mut app = TestApp::with_demo().await?;
    let org = app.signed_in(ORGANIZER).await?;
    let t0 = std::time::Instant::now();
    // Rounds closing in 4 s and 12 s: their attempts' deadlines are the closes.
    let first_round = create_round(&app, &org, 4_000, "3", "after_submit").await?;
    let second_round = create_round(&app, &org, 12_000, "3", "after_submit").await?;
    let me = app.signed_in(CONTESTANT).await?;
    let gone = start(&app, &me, first_round).await?;
    assert_eq!(answer(&app, &me, gone, 1, "0").await?.status(), StatusCode::OK);
    let other = app.signed_in(("thisinh003@hoithi.test", "ThiSinh@2017")).await?;
    let restarted = start(&app, &other, second_round).await?;

    // The first browser simply disappears; the server finishes the attempt on its own.
    let finished = |id: i64| {
        format!(
            "SELECT COUNT(*) FROM attempts WHERE id = {id} AND finished = true AND finished_by = 'deadline'"
        )
    };
    while scalar(&app.db, &finished(gone)).await? == 0 {
        assert!(t0.elapsed() < Duration::from_secs(10), "the server did not finish the attempt");
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    // The server is down when the second deadline passes, and catches up when it starts again.
    app.stop().await?;
    assert!(t0.elapsed() < Duration::from_secs(11), "too slow to stop before the second deadline");
    tokio::time::sleep(Duration::from_secs(15).saturating_sub(t0.elapsed())).await;
    assert_eq!(scalar(&app.db, &finished(restarted)).await?, 0, "still open while the server was down");
    app.start().await?;
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    while scalar(&app.db, &finished(restarted)).await? == 0 {
        assert!(std::time::Instant::now() < deadline, "the restarted server did not catch up");
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    let submitted_is_deadline = scalar(
        &app.db,
        &format!("SELECT COUNT(*) FROM attempts WHERE id = {restarted} AND submitted_at = deadline_at"),
    )
    .await?;
    assert_eq!(submitted_is_deadline, 1);
    let me = app.signed_in(CONTESTANT).await?;
    let result =
        app.call(&me, "contestant/result", &[("id", &gone.to_string())]).await?.json::<Value>().await?;
    assert_eq!(result["by_deadline"], true);
    assert_eq!(result["total"], 20);
    let late = answer(&app, &me, gone, 2, "0").await?;
    assert_eq!(late.status(), StatusCode::CONFLICT);
    assert!(late.text().await?.contains("hết giờ"));
    Ok(())
}

#[tokio::test]
async fn the_quiz_works_as_a_plain_form_without_javascript() -> Result<()> {
    let app = TestApp::with_demo().await?;
    let org = app.signed_in(ORGANIZER).await?;
    let round = create_round(&app, &org, 3_600_000, "3", "after_submit").await?;
    let me = app.signed_in(CONTESTANT).await?;
    let attempt = start(&app, &me, round).await?;
    let page = me.get(app.url(&format!("/thi-sinh/bai-thi/{attempt}"))).send().await?;
    assert_eq!(page.status(), StatusCode::OK);
    let html = page.text().await?;
    assert!(html.contains("name=\"q1\"") && html.contains("Lưu bài"), "a plain form");
    let save = me
        .post(app.url(&format!("/thi-sinh/bai-thi/{attempt}")))
        .form(&[
            ("shown", "1"),
            ("q1", "1"),
            ("shown", "2"),
            ("q2", "0"),
            ("prediction", "1.234"),
            ("action", "save"),
        ])
        .send()
        .await?;
    assert_eq!(save.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        save.headers().get("location").and_then(|v| v.to_str().ok()),
        Some(format!("/thi-sinh/bai-thi/{attempt}#nop-bai").as_str()),
        "back at the submit button: every question shown was answered"
    );
    let resumed = me.get(app.url(&format!("/thi-sinh/bai-thi/{attempt}"))).send().await?.text().await?;
    assert!(resumed.contains("checked"), "saved answers come back checked");
    assert_eq!(
        scalar(&app.db, &format!("SELECT prediction FROM attempts WHERE id = {attempt}")).await?,
        1234
    );
    // Without the confirmation box ticked, "Nộp bài" only saves.
    let unconfirmed = me
        .post(app.url(&format!("/thi-sinh/bai-thi/{attempt}")))
        .form(&[("shown", "3"), ("shown", "4"), ("q3", "0"), ("action", "submit")])
        .send()
        .await?;
    assert_eq!(
        unconfirmed.headers().get("location").and_then(|v| v.to_str().ok()),
        Some(format!("/thi-sinh/bai-thi/{attempt}#cau-4").as_str()),
        "not submitted; back at the first unanswered question"
    );
    let submit = me
        .post(app.url(&format!("/thi-sinh/bai-thi/{attempt}")))
        .form(&[("shown", "3"), ("q3", "0"), ("action", "submit"), ("confirm", "yes")])
        .send()
        .await?;
    assert_eq!(
        submit.headers().get("location").and_then(|v| v.to_str().ok()),
        Some(format!("/thi-sinh/ket-qua/{attempt}").as_str())
    );
    assert_eq!(
        scalar(&app.db, &format!("SELECT COUNT(*) FROM answers WHERE attempt_id = {attempt}")).await?,
        3
    );
    let result = me.get(app.url(&format!("/thi-sinh/ket-qua/{attempt}"))).send().await?.text().await?;
    assert!(result.contains("Kết quả bài thi"));
    Ok(())
}

#[tokio::test]
async fn item_statistics_count_every_finished_answer() -> Result<()> {
    let app = TestApp::with_demo().await?;
    let org = app.signed_in(ORGANIZER).await?;
    let round = create_round(&app, &org, 3_600_000, "3", "after_close").await?;
    let empty = app.call(&org, "organizer/question-stats", &[]).await?.json::<Value>().await?;
    assert_eq!(empty.as_array().map(Vec::len), Some(0));
    for n in 1..=3 {
        let who = app.signed_in((&format!("thisinh00{n}@hoithi.test"), "ThiSinh@2017")).await?;
        let attempt = start(&app, &who, round).await?;
        for position in 1..=20 {
            answer(&app, &who, attempt, position, "0").await?;
        }
        app.call(&who, "contestant/submit", &[("attempt_id", &attempt.to_string())]).await?;
    }
    let stats = app.call(&org, "organizer/question-stats", &[]).await?.json::<Value>().await?;
    let rows = stats.as_array().cloned().unwrap_or_default();
    let answered: i64 = rows.iter().map(|r| r["answered"].as_i64().unwrap_or(0)).sum();
    assert_eq!(answered, 60, "three attempts of twenty questions");
    assert!(rows.iter().all(|r| (0.0..=1.0).contains(&r["difficulty"].as_f64().unwrap_or(-1.0))));
    let contestant = app.signed_in(CONTESTANT).await?;
    assert_eq!(app.call(&contestant, "organizer/question-stats", &[]).await?.status(), StatusCode::FORBIDDEN);
    Ok(())
}

/// The first day each drawn question of `sql` (rows: version id, issue date, in-force date,
/// family, group) could be asked, with its family, per group.
async fn drawn_questions(db: &TestDb, sql: &str) -> Result<Vec<(i64, LegalDate, Option<String>)>> {
    let conn = db.connect().await?;
    let rows =
        conn.query_all_raw(Statement::from_string(conn.get_database_backend(), sql.to_owned())).await?;
    let mut out = Vec::new();
    for row in rows {
        let group: i64 = row.try_get_by_index(0)?;
        let issued: String = row.try_get_by_index(1)?;
        let in_force: Option<String> = row.try_get_by_index(2)?;
        let family: Option<String> = row.try_get_by_index(3)?;
        let issued = LegalDate::parse(&issued).expect("a stored date");
        let from = in_force.and_then(|d| LegalDate::parse(&d)).map_or(issued, |d| d.max(issued));
        out.push((group, from, family));
    }
    Ok(out)
}

/// Fails if a group holds two questions of one family.
fn assert_one_per_family(drawn: &[(i64, LegalDate, Option<String>)]) {
    let mut seen = std::collections::HashSet::new();
    for (group, _, family) in drawn {
        if let Some(family) = family {
            assert!(seen.insert((*group, family.clone())), "group {group} drew family {family} twice");
        }
    }
}

#[tokio::test]
async fn a_round_as_of_a_day_draws_only_questions_valid_then_and_one_per_family() -> Result<()> {
    let app = TestApp::with_demo().await?;
    let org = app.signed_in(ORGANIZER).await?;
    let opens = hoithi_tests::rounds::at(-3_600_000);
    let closes = hoithi_tests::rounds::at(3_600_000);
    let form = |as_of: &'static str, count: &'static str, name: &'static str| {
        vec![
            ("name", name.to_owned()),
            ("opens", opens.clone()),
            ("closes", closes.clone()),
            ("time_limit_minutes", "30".to_owned()),
            ("attempts_allowed", "4".to_owned()),
            ("review_policy", "after_close".to_owned()),
            ("blueprint[0][topic]", String::new()),
            ("blueprint[0][difficulty]", String::new()),
            ("blueprint[0][count]", count.to_owned()),
            ("as_of", as_of.to_owned()),
        ]
    };
    let call = |fields: Vec<(&'static str, String)>| {
        let (app, org) = (&app, &org);
        async move {
            let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
            app.call(org, "organizer/round/save", &fields).await
        }
    };
    let rounds_before = scalar(&app.db, "SELECT COUNT(*) FROM rounds").await?;
    let bad_day = call(form("31/02/2017", "10", "Ngày sai")).await?;
    assert_eq!(bad_day.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad_day.text().await?.contains("Ngày tính căn cứ pháp lý không hợp lệ"));
    let too_early = call(form("01/01/2000", "1", "Quá sớm")).await?;
    assert_eq!(too_early.status(), StatusCode::UNPROCESSABLE_ENTITY, "no question existed in 2000");
    assert!(too_early.text().await?.contains("Không đủ câu hỏi"));
    assert_eq!(scalar(&app.db, "SELECT COUNT(*) FROM rounds").await?, rounds_before, "nothing saved");

    // Nghị định 92/2017 is in force from 25/9/2017 and Quyết định 2640 of 10/10/2017 is later still.
    let saved = call(form("24/9/2017", "60", "Trước ngày 25/9/2017")).await?;
    assert!(saved.status().is_success(), "{}", saved.text().await?);
    let round = scalar(&app.db, "SELECT CAST(id AS BIGINT) FROM rounds WHERE name = 'Trước ngày 25/9/2017'")
        .await? as i32;
    let form_back =
        app.call(&org, "organizer/round", &[("id", &round.to_string())]).await?.json::<Value>().await?;
    assert_eq!(form_back["as_of"], "24/9/2017", "the form shows the day it was saved with");
    let me = app.signed_in(CONTESTANT).await?;
    for _ in 0..4 {
        let attempt = start(&app, &me, round).await?;
        app.call(&me, "contestant/submit", &[("attempt_id", &attempt.to_string())]).await?;
    }
    let drawn = drawn_questions(
        &app.db,
        &format!(
            "SELECT q.attempt_id, v.basis_date, v.basis_in_force, v.family FROM attempt_questions q \
             JOIN question_versions v ON v.id = q.question_version_id \
             JOIN attempts a ON a.id = q.attempt_id WHERE a.round_id = {round}"
        ),
    )
    .await?;
    assert_eq!(drawn.len(), 240, "four papers of sixty");
    let day = LegalDate::parse("24/9/2017").expect("a date");
    for (_, from, _) in &drawn {
        assert!(*from <= day, "a question askable only from {from} was drawn");
    }
    assert_one_per_family(&drawn);
    Ok(())
}

#[tokio::test]
async fn a_live_round_draws_one_question_per_family_and_refuses_two_chosen_from_one() -> Result<()> {
    let app = TestApp::with_demo().await?;
    let org = app.signed_in(ORGANIZER).await?;
    let live = |codes: &'static str, draw: &'static str| {
        let (app, org) = (&app, &org);
        async move {
            let fields = [
                ("name", "Kiến thức"),
                ("codes", codes),
                ("draw", draw),
                ("question_secs", "20"),
                ("points", "2"),
                ("speed_bonus", "0"),
            ];
            app.call(org, "live/create", &fields).await
        }
    };
    // mc-003 and mc-022 test one fact (family mc-qd09-replaces-qd93).
    let same = live("mc-003, mc-022", "").await?;
    assert_eq!(same.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(same.text().await?.contains("cùng một nhóm"));
    assert_eq!(scalar(&app.db, "SELECT COUNT(*) FROM live_rounds").await?, 0, "nothing created");
    assert!(live("mc-003, mc-002", "").await?.status().is_success(), "different families");

    let mut ids = Vec::new();
    for _ in 0..5 {
        let res = live("", "50").await?;
        assert!(res.status().is_success(), "{}", res.text().await?);
        ids.push(res.json::<i64>().await?);
    }
    let conn = app.db.connect().await?;
    let mut drawn = Vec::new();
    for id in ids {
        let row = conn
            .query_one_raw(Statement::from_string(
                conn.get_database_backend(),
                format!("SELECT question_ids FROM live_rounds WHERE id = {id}"),
            ))
            .await?
            .expect("the live round");
        let list: String = row.try_get_by_index(0)?;
        let versions: Vec<i64> = serde_json::from_str(&list)?;
        assert_eq!(versions.len(), 50);
        let joined = versions.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
        drawn.extend(
            drawn_questions(
                &app.db,
                &format!(
                    "SELECT CAST({id} AS BIGINT), basis_date, basis_in_force, family FROM question_versions \
                     WHERE id IN ({joined})"
                ),
            )
            .await?,
        );
    }
    assert_one_per_family(&drawn);
    let end_of_q3 = LegalDate::parse("30/9/2017").expect("a date");
    assert!(drawn.iter().all(|(_, from, _)| *from <= end_of_q3), "the rules' default day applies");
    Ok(())
}
