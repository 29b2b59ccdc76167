//! Server functions of the audience: the phone page (no account; a cookie tells phones apart),
//! the vote projector, and the organizers' desk.

use crate::error::AppError;
pub use crate::wire::audience::*;
use leptos::prelude::*;

/// The phone's secret token: read from its cookie, created on its first vote or answer.
#[cfg(feature = "ssr")]
mod voter {
    use leptos::prelude::use_context;
    use tower_sessions::cookie::{Cookie, SameSite, time::Duration};

    const COOKIE: &str = "hoithi_khan_gia";

    pub fn read() -> Option<String> {
        let parts = use_context::<axum::http::request::Parts>()?;
        parts
            .headers
            .get_all(axum::http::header::COOKIE)
            .iter()
            .filter_map(|h| h.to_str().ok())
            .flat_map(|h| Cookie::split_parse(h).filter_map(Result::ok).collect::<Vec<_>>())
            .find(|c| {
                c.name() == COOKIE
                    && c.value().len() == 32
                    && c.value().bytes().all(|b| b.is_ascii_hexdigit())
            })
            .map(|c| c.value().to_owned())
    }

    pub fn ensure() -> String {
        if let Some(token) = read() {
            return token;
        }
        let token: String = {
            use rand::Rng;
            let mut rng = rand::thread_rng();
            (0..16).map(|_| format!("{:02x}", rng.r#gen::<u8>())).collect()
        };
        let secure = std::env::var("HOITHI_SECURE_COOKIES").is_ok_and(|v| v == "1" || v == "true");
        let cookie = Cookie::build((COOKIE, token.clone()))
            .path("/")
            .http_only(true)
            .same_site(SameSite::Lax)
            .secure(secure)
            .max_age(Duration::days(30))
            .build();
        if let Some(res) = use_context::<leptos_axum::ResponseOptions>()
            && let Ok(value) = axum::http::HeaderValue::from_str(&cookie.to_string())
        {
            res.append_header(axum::http::header::SET_COOKIE, value);
        }
        token
    }
}

#[server(endpoint = "audience/phone")]
pub async fn get_phone() -> Result<PhoneView, AppError> {
    use crate::ssr::{fail, state};
    crate::service::audience::phone(&state()?, voter::read().as_deref()).await.map_err(fail)
}

#[server(endpoint = "audience/vote")]
pub async fn vote(team_id: String, ticket: Option<String>) -> Result<(), AppError> {
    use crate::ssr::{client_ip, fail, state};
    let (state, address) = (state()?, client_ip().await);
    let token = voter::ensure();
    crate::service::audience::vote(&state, &token, &address, &team_id, ticket.as_deref()).await.map_err(fail)
}

#[server(endpoint = "audience/answer")]
pub async fn answer(question_id: i32, option: String) -> Result<(), AppError> {
    use crate::ssr::{client_ip, fail, state};
    let (state, address) = (state()?, client_ip().await);
    let token = voter::ensure();
    crate::service::audience::answer(&state, &token, &address, question_id, &option).await.map_err(fail)
}

#[server(endpoint = "audience/tally")]
pub async fn get_tally() -> Result<Tally, AppError> {
    use crate::ssr::{fail, state};
    let mut tally = crate::service::audience::tally(&state()?).await.map_err(fail)?;
    let host = use_context::<axum::http::request::Parts>()
        .and_then(|p| {
            p.headers.get(axum::http::header::HOST).and_then(|h| h.to_str().ok()).map(str::to_owned)
        })
        .filter(|h| h.len() <= 255 && h.bytes().all(|b| b.is_ascii_graphic()))
        .unwrap_or_default();
    tally.address = format!("{host}{}", super::PHONE_PATH);
    Ok(tally)
}

#[server(endpoint = "audience/desk")]
pub async fn get_desk() -> Result<Desk, AppError> {
    use crate::ssr::{caller_as, fail, state};
    let me = caller_as::<crate::service::caller::Organizer>().await?;
    crate::service::audience::desk(&state()?, &me).await.map_err(fail)
}

/// Opens (`open` = true) or closes the vote.
#[server(endpoint = "audience/vote/state")]
pub async fn set_vote_open(open: bool) -> Result<(), AppError> {
    use crate::ssr::{caller_as, fail, state};
    let me = caller_as::<crate::service::caller::Organizer>().await?;
    crate::service::audience::set_vote_open(&state()?, &me, open).await.map_err(fail)
}

#[server(endpoint = "audience/settings")]
pub async fn save_audience_settings(
    tickets_required: Option<String>,
    per_address: String,
) -> Result<(), AppError> {
    use crate::ssr::{caller_as, fail, state};
    let me = caller_as::<crate::service::caller::Organizer>().await?;
    let tickets = tickets_required.is_some_and(|v| v == "true" || v == "on");
    crate::service::audience::save_settings(&state()?, &me, tickets, &per_address).await.map_err(fail)
}

#[server(endpoint = "audience/tickets/create")]
pub async fn create_tickets(count: String) -> Result<u32, AppError> {
    use crate::ssr::{caller_as, fail, state};
    let me = caller_as::<crate::service::caller::Organizer>().await?;
    crate::service::audience::create_tickets(&state()?, &me, &count).await.map_err(fail)
}

/// Every ticket code and whether it was used, unused first.
#[server(endpoint = "audience/tickets")]
pub async fn get_tickets() -> Result<Vec<(String, bool)>, AppError> {
    use crate::ssr::{caller_as, fail, state};
    let me = caller_as::<crate::service::caller::Organizer>().await?;
    crate::service::audience::ticket_codes(&state()?, &me).await.map_err(fail)
}

#[server(endpoint = "audience/question/add")]
pub async fn add_audience_question(code: String, seconds: String) -> Result<(), AppError> {
    use crate::ssr::{caller_as, fail, state};
    let me = caller_as::<crate::service::caller::Organizer>().await?;
    crate::service::audience::add_question(&state()?, &me, &code, &seconds).await.map_err(fail)
}

#[server(endpoint = "audience/question/open")]
pub async fn open_audience_question(id: i32) -> Result<(), AppError> {
    use crate::ssr::{caller_as, fail, state};
    let me = caller_as::<crate::service::caller::Organizer>().await?;
    crate::service::audience::open_question(&state()?, &me, id).await.map_err(fail)
}

#[server(endpoint = "audience/question/draw")]
pub async fn draw_audience_winners(id: i32, count: String) -> Result<Vec<String>, AppError> {
    use crate::ssr::{caller_as, fail, state};
    let me = caller_as::<crate::service::caller::Organizer>().await?;
    crate::service::audience::draw(&state()?, &me, id, &count).await.map_err(fail)
}
