//! Corrections (chấm lại): a question re-scored after attempts are in, previewed first, applied to
//! everyone in one go, announced on the board and shown in the reviews.

use anyhow::Result;
use hoithi_tests::{
    ORGANIZER, TestApp,
    papers::{bank_letter, code_of, paper_items, scalar, sit, wrong_choice},
    rounds::{create_round, start},
};
use reqwest::StatusCode;
use serde_json::Value;

fn form<'a>(
    code: &'a str,
    version: &'a str,
    action: &'a str,
    letters: &'a str,
    reason: &'a str,
) -> Vec<(&'a str, &'a str)> {
    vec![
        ("code", code),
        ("version_id", version),
        ("action", action),
        ("letters", letters),
        ("reason", reason),
    ]
}

#[tokio::test]
async fn a_correction_is_previewed_then_applied_to_everyone_and_announced() -> Result<()> {
    let app = TestApp::with_demo().await?;
    let org = app.signed_in(ORGANIZER).await?;
    let round = create_round(&app, &org, 3_600_000, "1", "after_submit").await?;
    // Contestant 1 gets position 1 wrong; contestant 2 gets everything right.
    let first_sat = sit(&app, round, 1, true).await?;
    let (first, first_attempt) = (first_sat.who.clone(), first_sat.attempt);
    let second_sat = sit(&app, round, 2, false).await?;
    let (second_attempt, second_items) = (second_sat.attempt, second_sat.items);
    // Contestant 3 starts before the correction and submits after it.
    let third = app.signed_in(("thisinh003@hoithi.test", "ThiSinh@2017")).await?;
    let third_attempt = start(&app, &third, round).await?;
    let score = |attempt: i64| {
        let db = &app.db;
        async move { scalar(db, &format!("SELECT correct FROM attempts WHERE id = {attempt}")).await }
    };
    assert_eq!((score(first_attempt).await?, score(second_attempt).await?), (19, 20));

    // The question contestant 1 missed: accept the option they chose as well.
    let target = first_sat.missed.as_ref().expect("a missed question");
    let version = target.version.to_string();
    let code = code_of(&app.db, target.version).await?;
    let chosen =
        bank_letter(&app.db, first_attempt, target.position, wrong_choice(target)).await?.to_string();
    let reason = "Phương án này cũng đúng theo văn bản sửa đổi";

    let page = app.call(&org, "organizer/correction", &[("code", &code)]).await?.json::<Value>().await?;
    assert_eq!(page["versions"][0]["id"].as_i64(), Some(target.version), "{page}");
    assert!(page["versions"][0]["attempts"].as_u64() >= Some(1));

    let version_before =
        scalar(&app.db, &format!("SELECT results_version FROM rounds WHERE id = {round}")).await?;
    let preview = app
        .call(&org, "organizer/correction/preview", &form(&code, &version, "accept", &chosen, reason))
        .await?;
    assert_eq!(preview.status(), StatusCode::OK);
    let preview = preview.json::<Value>().await?;
    let change = preview["changes"]
        .as_array()
        .and_then(|c| c.iter().find(|c| c["name"] == "Thí sinh số 001" || c["before"] == "19/20"))
        .cloned()
        .unwrap_or_default();
    assert_eq!(
        (change["before"].as_str(), change["after"].as_str()),
        (Some("19/20"), Some("20/20")),
        "{preview}"
    );
    assert_eq!(score(first_attempt).await?, 19, "a preview changes nothing");
    assert_eq!(scalar(&app.db, "SELECT COUNT(*) FROM corrections").await?, 0);

    let applied = app
        .call(&org, "organizer/correction/apply", &form(&code, &version, "accept", &chosen, reason))
        .await?;
    assert_eq!(applied.status(), StatusCode::OK, "{}", applied.text().await?);
    assert_eq!(score(first_attempt).await?, 20, "re-scored");
    assert_eq!(score(second_attempt).await?, 20, "still right with the key");
    assert_eq!(
        scalar(
            &app.db,
            &format!(
                "SELECT best_correct FROM round_bests WHERE round_id = {round} ORDER BY best_correct LIMIT 1"
            )
        )
        .await?,
        20,
        "per-person bests follow"
    );
    let tallied = scalar(
        &app.db,
        &format!("SELECT CAST(SUM(sum_best) AS BIGINT) FROM round_unit_stats WHERE round_id = {round}"),
    )
    .await?;
    assert_eq!(tallied, 40, "unit tallies follow");
    assert!(
        scalar(&app.db, &format!("SELECT results_version FROM rounds WHERE id = {round}")).await?
            > version_before,
        "caches on every server see a new version"
    );

    // The contestant's review shows the corrected key and the note.
    let result = app
        .call(&first, "contestant/result", &[("id", &first_attempt.to_string())])
        .await?
        .json::<Value>()
        .await?;
    let reviewed = result["review"]
        .as_array()
        .and_then(|r| r.iter().find(|q| q["position"].as_i64() == Some(target.position)))
        .cloned()
        .unwrap_or_default();
    assert_eq!(reviewed["right"], true, "{reviewed}");
    assert!(reviewed["note"].as_str().is_some_and(|n| n.contains(reason)), "{reviewed}");
    assert_eq!(result["correct"].as_i64(), Some(20));

    // The board announces it, with whose result moved.
    let board = app.call(&org, "results/round", &[("id", &round.to_string())]).await?.json::<Value>().await?;
    let notice = &board["corrections"][0];
    assert_eq!(notice["reason"], reason, "{board}");
    assert!(notice["label"].as_str().is_some_and(|l| l.starts_with("chấp nhận")));
    assert_eq!(notice["changes"][0]["after"], "20/20");

    // A question of contestant 2's paper is voided and taken out of the score: 20/20 becomes 19/19.
    let other = second_items.iter().find(|i| i.version != target.version).expect("another question");
    let other_code = code_of(&app.db, other.version).await?;
    let void = app
        .call(
            &org,
            "organizer/correction/apply",
            &form(
                &other_code,
                &other.version.to_string(),
                "void_removed",
                "",
                "Căn cứ pháp lý đã hết hiệu lực",
            ),
        )
        .await?;
    assert_eq!(void.status(), StatusCode::OK);
    let counted =
        scalar(&app.db, &format!("SELECT question_count FROM attempts WHERE id = {second_attempt}")).await?;
    assert_eq!((score(second_attempt).await?, counted), (19, 19));

    // The running attempt is scored with the corrections in force when it ends: the first question
    // of its paper counts right for everyone, answered or not.
    let third_items = paper_items(&app.db, third_attempt).await?;
    let voided = &third_items[0];
    let voided_code = code_of(&app.db, voided.version).await?;
    let void_correct = app
        .call(
            &org,
            "organizer/correction/apply",
            &form(&voided_code, &voided.version.to_string(), "void_correct", "", "Câu hỏi có hai cách hiểu"),
        )
        .await?;
    assert_eq!(void_correct.status(), StatusCode::OK, "a running attempt drew it");
    app.call(&third, "contestant/submit", &[("attempt_id", &third_attempt.to_string())]).await?;
    assert_eq!(score(third_attempt).await?, 1, "unanswered, counted right");
    Ok(())
}

#[tokio::test]
async fn a_changed_key_makes_a_new_version_and_bad_corrections_change_nothing() -> Result<()> {
    let app = TestApp::with_demo().await?;
    let org = app.signed_in(ORGANIZER).await?;
    let round = create_round(&app, &org, 3_600_000, "1", "after_submit").await?;
    let sat = sit(&app, round, 1, true).await?;
    let attempt = sat.attempt;
    let target = sat.missed.as_ref().expect("a missed question");
    let version = target.version.to_string();
    let code = code_of(&app.db, target.version).await?;
    let wrong = bank_letter(&app.db, attempt, target.position, wrong_choice(target)).await?.to_string();
    let key = bank_letter(&app.db, attempt, target.position, target.shown_key[0]).await?.to_string();

    type Case<'a> = (Vec<(&'a str, &'a str)>, StatusCode, &'a str);
    let refused: Vec<Case> = vec![
        (form(&code, &version, "change_key", &wrong, ""), StatusCode::UNPROCESSABLE_ENTITY, "Hãy ghi lý do"),
        (
            form(&code, &version, "change_key", "Z", "Sai đáp án"),
            StatusCode::UNPROCESSABLE_ENTITY,
            "không có trong câu hỏi",
        ),
        (
            form(&code, &version, "change_key", &key, "Sai đáp án"),
            StatusCode::UNPROCESSABLE_ENTITY,
            "trùng với đáp án hiện tại",
        ),
        (
            form(&code, "999999", "change_key", &wrong, "Sai đáp án"),
            StatusCode::UNPROCESSABLE_ENTITY,
            "chọn phiên bản",
        ),
        (
            form(&code, &version, "delete_all", &wrong, "Sai đáp án"),
            StatusCode::UNPROCESSABLE_ENTITY,
            "cách chấm lại",
        ),
        (form("khong-co", &version, "change_key", &wrong, "Sai đáp án"), StatusCode::NOT_FOUND, ""),
    ];
    for (fields, status, message) in refused {
        let res = app.call(&org, "organizer/correction/apply", &fields).await?;
        assert_eq!(res.status(), status, "{fields:?}");
        assert!(res.text().await?.contains(message), "{fields:?} should say {message:?}");
    }
    let contestant = app.signed_in(("thisinh002@hoithi.test", "ThiSinh@2017")).await?;
    let forbidden = app
        .call(&contestant, "organizer/correction/apply", &form(&code, &version, "change_key", &wrong, "Sai"))
        .await?;
    assert_eq!(forbidden.status(), StatusCode::FORBIDDEN);
    assert_eq!(scalar(&app.db, "SELECT COUNT(*) FROM corrections").await?, 0, "nothing recorded");
    assert_eq!(scalar(&app.db, &format!("SELECT correct FROM attempts WHERE id = {attempt}")).await?, 19);

    let before = app.call(&org, "organizer/question", &[("code", &code)]).await?.json::<Value>().await?;
    let applied = app
        .call(
            &org,
            "organizer/correction/apply",
            &form(&code, &version, "change_key", &wrong, "Đáp án trong ngân hàng bị nhầm"),
        )
        .await?;
    assert_eq!(applied.status(), StatusCode::OK, "{}", applied.text().await?);
    assert_eq!(
        scalar(&app.db, &format!("SELECT correct FROM attempts WHERE id = {attempt}")).await?,
        20,
        "the old key no longer counts, the new one does"
    );
    let after = app.call(&org, "organizer/question", &[("code", &code)]).await?.json::<Value>().await?;
    assert_eq!(
        after["version"].as_i64(),
        before["version"].as_i64().map(|v| v + 1),
        "a new version for later papers"
    );
    assert_eq!(after["answer"], wrong.as_str());
    let page = app.call(&org, "organizer/correction", &[("code", &code)]).await?.json::<Value>().await?;
    assert_eq!(page["history"][0]["reason"], "Đáp án trong ngân hàng bị nhầm", "{page}");
    assert_eq!(page["history"][0]["by"], "Trần Minh Quang", "{page}");
    Ok(())
}
