use anyhow::Result;
use hoithi_tests::{CONTESTANT, ORGANIZER, TestApp};
use reqwest::StatusCode;

#[tokio::test]
async fn health_check_answers_ok_when_the_database_is_reachable() -> Result<()> {
    let app = TestApp::spawn().await?;
    let res = reqwest::get(app.url("/healthz")).await?;
    assert_eq!(res.status(), StatusCode::OK);
    Ok(())
}

#[tokio::test]
async fn home_page_is_server_rendered_in_vietnamese() -> Result<()> {
    let app = TestApp::spawn().await?;
    let res = reqwest::get(app.url("/")).await?;
    assert_eq!(res.status(), StatusCode::OK);
    let html = res.text().await?;
    assert!(html.contains("<html lang=\"vi\""), "{html}");
    assert!(html.contains("Hội thi tuyên truyền, cổ động về cải cách hành chính"));
    assert!(html.contains("Đăng ký dự thi"));
    Ok(())
}

#[tokio::test]
async fn unknown_pages_answer_404_with_a_vietnamese_page() -> Result<()> {
    let app = TestApp::spawn().await?;
    let res = reqwest::get(app.url("/khong-co-trang-nay")).await?;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    assert!(res.text().await?.contains("Không tìm thấy trang"));
    Ok(())
}

#[tokio::test]
async fn wrong_password_and_unknown_user_are_refused_alike() -> Result<()> {
    let app = TestApp::with_demo().await?;
    let client = app.client();
    for (login, password) in [(ORGANIZER.0, "sai-mat-khau"), ("khong.co@hoithi.test", ORGANIZER.1)] {
        let res = app.call(&client, "login", &[("login", login), ("password", password)]).await?;
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED, "{login}");
        let body = res.text().await?;
        assert!(body.contains("sai tên đăng nhập hoặc mật khẩu"), "{body}");
    }
    // Still signed out.
    let res = client.get(app.url("/ban-to-chuc")).send().await?;
    assert!(res.status().is_redirection());
    Ok(())
}

#[tokio::test]
async fn organizer_signs_in_sees_units_and_accounts_then_signs_out() -> Result<()> {
    let app = TestApp::with_demo().await?;
    let client = app.client();
    let res = app.call(&client, "login", &[("login", "SNV@hoithi.test"), ("password", ORGANIZER.1)]).await?;
    assert!(res.status().is_success() || res.status().is_redirection(), "{}", res.status());
    let cookie = res.headers().get("set-cookie").and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned();
    assert!(cookie.contains("HttpOnly"), "{cookie}");
    assert!(cookie.contains("SameSite=Lax"), "{cookie}");

    let units = client.get(app.url("/ban-to-chuc/don-vi")).send().await?;
    assert_eq!(units.status(), StatusCode::OK);
    let html = units.text().await?;
    assert!(html.contains("UBND thị xã An Nhơn") && html.contains("Sở Tư pháp"), "units missing");

    let accounts = client.get(app.url("/ban-to-chuc/tai-khoan?q=giam+khao")).send().await?;
    let html = accounts.text().await?;
    assert!(html.contains("giamkhao1@hoithi.test"), "judge missing from account search");
    assert!(!html.contains("thisinh001@hoithi.test"), "search did not filter");

    let res = app.call(&client, "logout", &[]).await?;
    assert!(res.status().is_success() || res.status().is_redirection());
    let after = client.get(app.url("/ban-to-chuc/don-vi")).send().await?;
    assert!(after.status().is_redirection(), "still signed in: {}", after.status());
    let location = after.headers().get("location").and_then(|v| v.to_str().ok()).unwrap_or_default();
    assert!(location.starts_with("/dang-nhap"), "{location}");
    Ok(())
}

#[tokio::test]
async fn contestant_is_refused_organizer_pages_and_functions_and_nothing_changes() -> Result<()> {
    let app = TestApp::with_demo().await?;
    let client = app.signed_in(CONTESTANT).await?;
    let page = client.get(app.url("/ban-to-chuc/don-vi")).send().await?;
    assert_eq!(page.status(), StatusCode::FORBIDDEN);
    assert!(page.text().await?.contains("Bạn không có quyền"));

    let res = app
        .call(
            &client,
            "organizer/units/save",
            &[("name", "Đơn vị lạ"), ("group", "district"), ("headcount", "5")],
        )
        .await?;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    assert!(res.text().await?.contains("\"code\":\"forbidden\""));
    let res = app.call(&client, "organizer/accounts", &[]).await?;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);

    let organizer = app.signed_in(ORGANIZER).await?;
    let html = organizer.get(app.url("/ban-to-chuc/don-vi")).send().await?.text().await?;
    assert!(!html.contains("Đơn vị lạ"), "a refused call changed the units");
    Ok(())
}

#[tokio::test]
async fn signed_out_callers_get_401_from_protected_functions() -> Result<()> {
    let app = TestApp::with_demo().await?;
    let res = app.call(&app.client(), "organizer/overview", &[]).await?;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    Ok(())
}

#[tokio::test]
async fn a_contestant_registers_and_cannot_register_twice() -> Result<()> {
    let app = TestApp::with_demo().await?;
    let units = app.call(&app.client(), "unit-choices", &[]).await?.json::<serde_json::Value>().await?;
    let unit_id = units[0]["id"].to_string();
    let client = app.client();
    let form = [
        ("full_name", "  Nguyễn   Thị Hoa "),
        ("unit_id", unit_id.as_str()),
        ("contact", "0905 000 111"),
        ("password", "MatKhau@2017"),
        ("password_confirm", "MatKhau@2017"),
    ];
    let res = app.call(&client, "register", &form).await?;
    assert!(res.status().is_success() || res.status().is_redirection(), "{}", res.status());
    let me = app.call(&client, "current-user", &[]).await?.json::<serde_json::Value>().await?;
    assert_eq!(me["full_name"], "Nguyễn Thị Hoa");
    assert_eq!(me["role"], "contestant");

    let again = app.call(&app.client(), "register", &form).await?;
    assert_eq!(again.status(), StatusCode::CONFLICT);
    assert!(again.text().await?.contains("đã có tài khoản"));

    let signed_in = app.signed_in(("+84905000111", "MatKhau@2017")).await;
    assert!(signed_in.is_ok(), "the phone number in another format should sign in");
    Ok(())
}

#[tokio::test]
async fn registration_with_bad_fields_is_refused_with_the_reason() -> Result<()> {
    let app = TestApp::with_demo().await?;
    let cases: [(&[(&str, &str)], &str); 4] = [
        (
            &[
                ("full_name", ""),
                ("unit_id", "1"),
                ("contact", "a@b.vn"),
                ("password", "12345678"),
                ("password_confirm", "12345678"),
            ],
            "Họ và tên không được để trống",
        ),
        (
            &[
                ("full_name", "Lê Văn A"),
                ("unit_id", "1"),
                ("contact", "khong-hop-le"),
                ("password", "12345678"),
                ("password_confirm", "12345678"),
            ],
            "không hợp lệ",
        ),
        (
            &[
                ("full_name", "Lê Văn A"),
                ("unit_id", "1"),
                ("contact", "a@b.vn"),
                ("password", "ngan"),
                ("password_confirm", "ngan"),
            ],
            "ít nhất 8 ký tự",
        ),
        (
            &[
                ("full_name", "Lê Văn A"),
                ("unit_id", "99999"),
                ("contact", "a@b.vn"),
                ("password", "12345678"),
                ("password_confirm", "12345678"),
            ],
            "chọn đơn vị",
        ),
    ];
    for (form, message) in cases {
        let res = app.call(&app.client(), "register", form).await?;
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY, "{message}");
        let body = res.text().await?;
        assert!(body.contains(message), "{body} should contain {message}");
    }
    Ok(())
}

#[tokio::test]
async fn a_plain_form_post_without_javascript_signs_in_and_redirects_to_the_dashboard() -> Result<()> {
    let app = TestApp::with_demo().await?;
    let client = app.client();
    let res = client
        .post(app.url("/api/login"))
        .header("accept", "text/html")
        .header("referer", app.url("/dang-nhap"))
        .form(&[("login", ORGANIZER.0), ("password", ORGANIZER.1), ("next", "")])
        .send()
        .await?;
    assert!(res.status().is_redirection());
    assert_eq!(res.headers().get("location").and_then(|v| v.to_str().ok()), Some("/ban-to-chuc"));
    let bad = app
        .client()
        .post(app.url("/api/login"))
        .header("accept", "text/html")
        .header("referer", app.url("/dang-nhap"))
        .form(&[("login", ORGANIZER.0), ("password", "sai")])
        .send()
        .await?;
    let location = bad.headers().get("location").and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned();
    assert!(location.contains("/dang-nhap") && location.contains("__err"), "{location}");
    Ok(())
}

#[tokio::test]
async fn sign_in_only_ever_redirects_to_a_page_of_this_site() -> Result<()> {
    let app = TestApp::with_demo().await?;
    let cases = [
        ("/ban-to-chuc/cau-hoi", "/ban-to-chuc/cau-hoi"),
        ("//evil.example/x", "/ban-to-chuc"),
        ("/\\evil.example", "/ban-to-chuc"),
        ("/\tevil.example", "/ban-to-chuc"),
        ("/a\nSet-Cookie: x=1", "/ban-to-chuc"),
        ("https://evil.example", "/ban-to-chuc"),
    ];
    for (next, expected) in cases {
        let res = app
            .client()
            .post(app.url("/api/login"))
            .header("accept", "text/html")
            .header("referer", app.url("/dang-nhap"))
            .form(&[("login", ORGANIZER.0), ("password", ORGANIZER.1), ("next", next)])
            .send()
            .await?;
        assert!(res.status().is_redirection(), "{next:?}: {}", res.status());
        let location = res.headers().get("location").and_then(|v| v.to_str().ok()).unwrap_or_default();
        assert_eq!(location, expected, "next = {next:?}");
    }
    Ok(())
}

#[tokio::test]
async fn a_post_sent_by_another_site_is_refused_and_changes_nothing() -> Result<()> {
    let app = TestApp::with_demo().await?;
    let org = app.signed_in(ORGANIZER).await?;
    let post = |origin: &str| {
        org.post(app.url("/api/organizer/units/save"))
            .header("origin", origin)
            .header("accept", "application/json")
            .form(&[("name", "Đơn vị thử nguồn gửi"), ("group", "department"), ("headcount", "10")])
            .send()
    };
    let forged = post("http://evil.example").await?;
    assert_eq!(forged.status(), StatusCode::FORBIDDEN);
    assert!(forged.text().await?.contains("trang web khác"));
    let units = app.call(&org, "organizer/units", &[]).await?.text().await?;
    assert!(!units.contains("thử nguồn gửi"), "nothing was created");

    let own = post(&app.url("")).await?;
    assert_eq!(own.status(), StatusCode::OK, "the same request from the app's own pages works");
    let units = app.call(&org, "organizer/units", &[]).await?.text().await?;
    assert!(units.contains("thử nguồn gửi"));
    Ok(())
}

#[tokio::test]
async fn account_lists_sort_people_the_vietnamese_way() -> Result<()> {
    let app = TestApp::with_demo().await?;
    let org = app.signed_in(ORGANIZER).await?;
    let list = app
        .call(&org, "organizer/accounts", &[("role", "contestant")])
        .await?
        .json::<serde_json::Value>()
        .await?;
    let names: Vec<String> = list["rows"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .map(|r| r["full_name"].as_str().unwrap_or("").to_owned())
        .collect();
    assert!(names.len() >= 40, "a full page of contestants");
    let mut expected = names.clone();
    expected.sort_by(|a, b| domain::results::collation::compare_names(a, b));
    assert_eq!(names, expected, "given name first, Vietnamese letter order");
    Ok(())
}

#[tokio::test]
async fn repeated_wrong_passwords_lock_the_login_for_a_while() -> Result<()> {
    let app = TestApp::with_demo().await?;
    for _ in 0..5 {
        let res =
            app.call(&app.client(), "login", &[("login", ORGANIZER.0), ("password", "doan-mo")]).await?;
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    }
    let locked =
        app.call(&app.client(), "login", &[("login", ORGANIZER.0), ("password", ORGANIZER.1)]).await?;
    assert_eq!(locked.status(), StatusCode::TOO_MANY_REQUESTS, "even the right password waits");
    assert!(locked.text().await?.contains("thử lại sau 5 phút"));
    assert!(
        app.signed_in(("snv@hoithi.test".replace("snv", "ldld").as_str(), ORGANIZER.1)).await.is_ok(),
        "other logins are unaffected"
    );
    Ok(())
}

#[tokio::test]
async fn the_database_never_holds_a_usable_session_cookie() -> Result<()> {
    use sea_orm::{ConnectionTrait, Statement};
    let app = TestApp::with_demo().await?;
    let client = app.client();
    let res = app.call(&client, "login", &[("login", ORGANIZER.0), ("password", ORGANIZER.1)]).await?;
    let cookie = res.headers().get("set-cookie").and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned();
    let value = cookie
        .split(';')
        .next()
        .and_then(|kv| kv.split_once('='))
        .map(|(_, v)| v.to_owned())
        .unwrap_or_default();
    assert!(!value.is_empty(), "{cookie}");
    let db = app.db.connect().await?;
    let backend = db.get_database_backend();
    let count = |sql: String| {
        let db = &db;
        async move {
            db.query_one_raw(Statement::from_string(backend, sql))
                .await
                .map(|r| r.and_then(|r| r.try_get_by_index::<i64>(0).ok()).unwrap_or(-1))
        }
    };
    assert!(count("SELECT COUNT(*) FROM sessions".into()).await? >= 1, "the session is stored");
    assert_eq!(
        count(format!("SELECT COUNT(*) FROM sessions WHERE id = '{value}'")).await?,
        0,
        "only a hash of the id is stored"
    );
    assert!(
        client.get(app.url("/ban-to-chuc")).send().await?.status().is_success(),
        "and the cookie still works"
    );
    Ok(())
}
