//! The audience in the hall: one vote per phone (cookie, address limit, one-time tickets), the
//! organizers opening and closing the vote, and audience questions timed by the server with the
//! winners drawn by a kept seed.

use anyhow::Result;
use hoithi_tests::{CONTESTANT, ORGANIZER, TestApp};
use reqwest::{Client, StatusCode, header};
use sea_orm::{ConnectionTrait, Statement};
use serde_json::Value;
use std::time::Duration;

async fn phone_view(app: &TestApp, phone: &Client) -> Result<Value> {
    Ok(app.call(phone, "audience/phone", &[]).await?.json::<Value>().await?)
}

async fn total(app: &TestApp) -> Result<u64> {
    let t = app.call(&app.client(), "audience/tally", &[]).await?.json::<Value>().await?;
    Ok(t["total"].as_u64().unwrap_or(u64::MAX))
}

async fn vote(
    app: &TestApp,
    phone: &Client,
    team: &str,
    ticket: Option<&str>,
) -> Result<(StatusCode, String)> {
    let mut form = vec![("team_id", team)];
    if let Some(t) = ticket {
        form.push(("ticket", t));
    }
    let res = app.call(phone, "audience/vote", &form).await?;
    Ok((res.status(), res.text().await?))
}

#[tokio::test]
async fn one_vote_per_phone_within_the_limits_and_only_while_the_vote_is_open() -> Result<()> {
    let app = TestApp::with_demo().await?;
    let org = app.signed_in(ORGANIZER).await?;
    let a = app.client();
    let view = phone_view(&app, &a).await?;
    assert_eq!(view["vote_open"], false);
    let teams: Vec<(String, String)> = view["teams"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .map(|t| (t[0].as_i64().unwrap_or(0).to_string(), t[1].as_str().unwrap_or("").to_owned()))
        .collect();
    assert!(teams.len() >= 3, "every team can be voted for");
    let (x, y) = (&teams[0], &teams[1]);

    let (status, text) = vote(&app, &app.client(), &x.0, None).await?;
    assert_eq!(status, StatusCode::CONFLICT, "before the vote opens");
    assert!(text.contains("chưa mở"));
    let me = app.signed_in(CONTESTANT).await?;
    assert_eq!(
        app.call(&me, "audience/vote/state", &[("open", "true")]).await?.status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(app.call(&org, "audience/vote/state", &[("open", "true")]).await?.status(), StatusCode::OK);

    // The first vote sets the phone's cookie, HttpOnly and SameSite.
    let res = app.call(&a, "audience/vote", &[("team_id", &x.0)]).await?;
    assert_eq!(res.status(), StatusCode::OK);
    let cookie = res.headers().get(header::SET_COOKIE).and_then(|c| c.to_str().ok()).unwrap_or("").to_owned();
    assert!(cookie.starts_with("hoithi_khan_gia="), "{cookie}");
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"), "{cookie}");
    let view = phone_view(&app, &a).await?;
    assert_eq!(view["my_vote"], x.1.as_str());
    assert_eq!(view["my_code"].as_str().map(str::len), Some(5));
    // Again for the same team: nothing changes; for another team: refused.
    assert_eq!(vote(&app, &a, &x.0, None).await?.0, StatusCode::OK);
    let (status, text) = vote(&app, &a, &y.0, None).await?;
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(text.contains("đã bình chọn cho"), "{text}");
    assert_eq!(total(&app).await?, 1);

    // Garbage and unknown teams are refused without a vote.
    let b = app.client();
    assert_eq!(vote(&app, &b, "hai", None).await?.0, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(vote(&app, &b, "999999", None).await?.0, StatusCode::NOT_FOUND);
    assert_eq!(vote(&app, &b, &y.0, None).await?.0, StatusCode::OK);
    assert_eq!(total(&app).await?, 2);

    // One address (a hall's Wi-Fi) may send at most the limit.
    let saved = app.call(&org, "audience/settings", &[("per_address", "3")]).await?;
    assert_eq!(saved.status(), StatusCode::OK);
    assert_eq!(vote(&app, &app.client(), &x.0, None).await?.0, StatusCode::OK);
    let (status, text) = vote(&app, &app.client(), &y.0, None).await?;
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(text.contains("quá nhiều"), "{text}");
    assert_eq!(total(&app).await?, 3);
    for bad in ["0", "-1", "nhiều", "100001"] {
        let res = app.call(&org, "audience/settings", &[("per_address", bad)]).await?;
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY, "{bad}");
    }

    // Tickets: one vote per printed code.
    let saved =
        app.call(&org, "audience/settings", &[("per_address", "3"), ("tickets_required", "true")]).await?;
    assert_eq!(saved.status(), StatusCode::OK);
    assert_eq!(app.call(&org, "audience/tickets/create", &[("count", "2")]).await?.status(), StatusCode::OK);
    assert_eq!(
        app.call(&org, "audience/tickets/create", &[("count", "99999")]).await?.status(),
        StatusCode::UNPROCESSABLE_ENTITY
    );
    let codes: Vec<String> = app
        .call(&org, "audience/tickets", &[])
        .await?
        .json::<Vec<(String, bool)>>()
        .await?
        .into_iter()
        .map(|(c, _)| c)
        .collect();
    assert_eq!(codes.len(), 2);
    let e = app.client();
    let (status, text) = vote(&app, &e, &x.0, None).await?;
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(text.contains("mã bình chọn"), "{text}");
    assert_eq!(vote(&app, &e, &x.0, Some("ABCD-EFGH")).await?.0, StatusCode::CONFLICT, "not a printed code");
    assert_eq!(vote(&app, &e, &x.0, Some("0O1I")).await?.0, StatusCode::UNPROCESSABLE_ENTITY);
    let typed = format!("{}-{}", codes[0][..4].to_lowercase(), &codes[0][4..]);
    assert_eq!(
        vote(&app, &e, &x.0, Some(&typed)).await?.0,
        StatusCode::OK,
        "typed in lower case with a dash"
    );
    let (status, text) = vote(&app, &app.client(), &x.0, Some(&codes[0])).await?;
    assert_eq!(status, StatusCode::CONFLICT, "a code votes once");
    assert!(text.contains("đã được dùng"));
    assert_eq!(total(&app).await?, 4);
    let desk = app.call(&org, "audience/desk", &[]).await?.json::<Value>().await?;
    assert_eq!((desk["tickets"].as_u64(), desk["tickets_used"].as_u64()), (Some(2), Some(1)));

    // Closed: no more votes; the tally stays.
    assert_eq!(app.call(&org, "audience/vote/state", &[("open", "false")]).await?.status(), StatusCode::OK);
    assert_eq!(vote(&app, &app.client(), &x.0, Some(&codes[1])).await?.0, StatusCode::CONFLICT);
    let tally = app.call(&app.client(), "audience/tally", &[]).await?.json::<Value>().await?;
    assert_eq!(tally["open"], false);
    assert_eq!(tally["teams"][0][0], x.1.as_str(), "most votes first: {tally}");
    assert_eq!(tally["teams"][0][1], 3);
    Ok(())
}

#[tokio::test]
async fn an_audience_question_is_timed_by_the_server_and_its_winners_drawn_by_a_kept_seed() -> Result<()> {
    let app = TestApp::with_demo().await?;
    let org = app.signed_in(ORGANIZER).await?;
    let db = app.db.connect().await?;
    // A one-answer question of the bank and its key.
    let rows = db
        .query_all_raw(Statement::from_string(
            db.get_database_backend(),
            "SELECT q.code, v.correct, v.options FROM questions q JOIN question_versions v ON v.id = q.current_version_id ORDER BY q.code"
                .to_owned(),
        ))
        .await?;
    let mut single = None;
    let mut multiple = None;
    for r in rows {
        let code: String = r.try_get_by_index(0)?;
        let correct: Vec<usize> = serde_json::from_str(&r.try_get_by_index::<String>(1)?)?;
        let options: Vec<String> = serde_json::from_str(&r.try_get_by_index::<String>(2)?)?;
        match correct.len() {
            1 if single.is_none() => single = Some((code, correct[0], options.len())),
            n if n > 1 && multiple.is_none() => multiple = Some(code),
            _ => {}
        }
    }
    let (code, key, options) = single.expect("a one-answer question");
    let wrong = (key + 1) % options;

    for (c, s, why) in [(code.as_str(), "2", "too short"), ("khong-co-ma-nay", "30", "unknown code")] {
        let res = app.call(&org, "audience/question/add", &[("code", c), ("seconds", s)]).await?;
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY, "{why}");
    }
    if let Some(m) = multiple {
        let res = app.call(&org, "audience/question/add", &[("code", &m), ("seconds", "30")]).await?;
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY, "one answer per phone");
    }
    let me = app.signed_in(CONTESTANT).await?;
    assert_eq!(
        app.call(&me, "audience/question/add", &[("code", &code), ("seconds", "5")]).await?.status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        app.call(&org, "audience/question/add", &[("code", &code), ("seconds", "5")]).await?.status(),
        StatusCode::OK
    );
    let desk = app.call(&org, "audience/desk", &[]).await?.json::<Value>().await?;
    let id = desk["questions"][0]["id"].as_i64().unwrap_or(0).to_string();
    let (right_phone, wrong_phone, late_phone) = (app.client(), app.client(), app.client());
    let answer = |phone: &Client, option: usize| {
        let (phone, id) = (phone.clone(), id.clone());
        let app = &app;
        async move {
            let res = app
                .call(&phone, "audience/answer", &[("question_id", &id), ("option", &option.to_string())])
                .await?;
            Ok::<_, anyhow::Error>((res.status(), res.text().await?))
        }
    };
    let (status, text) = answer(&right_phone, key).await?;
    assert_eq!(status, StatusCode::CONFLICT, "not open yet");
    assert!(text.contains("chưa mở"));

    assert_eq!(app.call(&org, "audience/question/open", &[("id", &id)]).await?.status(), StatusCode::OK);
    assert_eq!(
        app.call(&org, "audience/question/open", &[("id", &id)]).await?.status(),
        StatusCode::CONFLICT,
        "a question opens once"
    );
    assert_eq!(answer(&right_phone, key).await?.0, StatusCode::OK);
    assert_eq!(answer(&right_phone, key).await?.0, StatusCode::OK, "the same answer again");
    assert_eq!(answer(&right_phone, wrong).await?.0, StatusCode::CONFLICT, "one answer per phone");
    assert_eq!(answer(&wrong_phone, wrong).await?.0, StatusCode::OK);
    assert_eq!(answer(&wrong_phone, key).await?.0, StatusCode::CONFLICT, "already answered");
    assert_eq!(answer(&late_phone, 99).await?.0, StatusCode::UNPROCESSABLE_ENTITY, "no such option");
    // While open, no phone learns the key.
    let open = phone_view(&app, &right_phone).await?;
    assert_eq!(open["question"]["my_answer"], key);
    assert_eq!(open["question"]["correct"], Value::Null);
    let early = app.call(&org, "audience/question/draw", &[("id", &id), ("count", "3")]).await?;
    assert_eq!(early.status(), StatusCode::CONFLICT, "drawn only once the time is up");

    // The server's clock closes it.
    let mut closed = Value::Null;
    for _ in 0..100 {
        closed = phone_view(&app, &late_phone).await?;
        if closed["question"]["remaining_ms"] == 0 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    assert_eq!(closed["question"]["remaining_ms"], 0);
    tokio::time::sleep(Duration::from_millis(50)).await;
    let (status, text) = answer(&late_phone, key).await?;
    assert_eq!(status, StatusCode::CONFLICT, "too late");
    assert!(text.contains("hết thời gian"));
    let after = phone_view(&app, &right_phone).await?;
    assert_eq!(after["question"]["correct"], key, "the key once the time is up");

    // The draw waits a few seconds after the time is up, for answers still on their way.
    let mut res = app.call(&org, "audience/question/draw", &[("id", &id), ("count", "3")]).await?;
    for _ in 0..100 {
        if res.status() != StatusCode::CONFLICT {
            break;
        }
        assert!(res.text().await?.contains("hết giờ 5 giây"));
        tokio::time::sleep(Duration::from_millis(200)).await;
        res = app.call(&org, "audience/question/draw", &[("id", &id), ("count", "3")]).await?;
    }
    assert_eq!(res.status(), StatusCode::OK);
    let winners: Vec<String> = res.json().await?;
    let code_of_right = after["my_code"].as_str().unwrap_or("").to_owned();
    assert_eq!(winners, vec![code_of_right.clone()], "only the right answer can win");
    let desk = app.call(&org, "audience/desk", &[]).await?.json::<Value>().await?;
    let q = &desk["questions"][0];
    assert_eq!((q["answers"].as_u64(), q["right"].as_u64()), (Some(2), Some(1)));
    assert_eq!(q["first_right"][0][0], code_of_right.as_str());
    // Anyone can re-run the draw with the kept seed over the right answers, in answer order.
    let seed = q["seed"].as_i64().unwrap_or(-1);
    let right: Vec<String> = q["first_right"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .map(|r| r[0].as_str().unwrap_or("").to_owned())
        .collect();
    assert_eq!(domain::audience::draw_winners(&right, 3, seed as u64), winners);
    let again = app.call(&org, "audience/question/draw", &[("id", &id), ("count", "3")]).await?;
    assert_eq!(again.status(), StatusCode::CONFLICT, "the draw stands");
    // The winning phone says so itself (decided by the server from its cookie); the others do not.
    assert_eq!(phone_view(&app, &right_phone).await?["question"]["won"], true);
    assert_eq!(phone_view(&app, &wrong_phone).await?["question"]["won"], false);
    assert_eq!(phone_view(&app, &late_phone).await?["question"]["won"], Value::Null, "it did not answer");
    Ok(())
}
