//! Rendering the outcome of a page's data load, with one behaviour for every page: signed-out users
//! are sent to sign in, other errors are explained in Vietnamese.

use crate::error::AppError;
use leptos::prelude::*;
use leptos_router::{components::Redirect, hooks::use_location};

const FORBIDDEN_HINT: &str = "Trang này dành cho vai trò khác. Hãy đăng nhập bằng tài khoản phù hợp.";
const BACK_HOME: &str = "Về trang chủ";

/// Renders `ok(data)` for a successful load, or the error page for a failed one.
pub fn outcome<T, V>(result: Result<T, AppError>, ok: impl FnOnce(T) -> V) -> AnyView
where
    V: IntoView + 'static,
{
    match result {
        Ok(data) => ok(data).into_any(),
        Err(err) => failure(err),
    }
}

/// The failed half of [`outcome`], kept out of line: `outcome` is instantiated once per page and
/// data type, and this part would otherwise be copied into every instance of the browser's code.
#[inline(never)]
fn failure(err: AppError) -> AnyView {
    match err {
        AppError::Unauthorized => {
            let location = use_location();
            let next = location.pathname.get_untracked();
            view! { <Redirect path=format!("/dang-nhap?next={next}")/> }.into_any()
        }
        err => view! { <ErrorPanel error=err/> }.into_any(),
    }
}

/// A full-width explanation of why a page cannot be shown.
#[component]
pub fn ErrorPanel(error: AppError) -> impl IntoView {
    let hint = matches!(error, AppError::Forbidden).then_some(FORBIDDEN_HINT);
    view! {
        <section class="panel panel-error" data-testid="error-panel" data-status=error.status()>
            <h1>{error.to_string()}</h1>
            {hint.map(|h| view! { <p>{h}</p> })}
            <p><a class="btn" href="/">{BACK_HOME}</a></p>
        </section>
    }
}
