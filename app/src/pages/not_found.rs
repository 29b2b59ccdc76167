use leptos::prelude::*;
use leptos_meta::Title;

const TITLE: &str = "Không tìm thấy trang";
const BODY: &str = "Đường dẫn này không tồn tại hoặc đã được thay đổi.";
const BACK_HOME: &str = "Về trang chủ";

/// Shown for any path without a page; answers 404.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
        res.set_status(axum::http::StatusCode::NOT_FOUND);
    }
    view! {
        <Title text=TITLE/>
        <section class="panel panel-error" data-testid="not-found">
            <h1>{TITLE}</h1>
            <p>{BODY}</p>
            <p><a class="btn" href="/">{BACK_HOME}</a></p>
        </section>
    }
}
