use crate::components::role_page::role_page;
use domain::Role;
use leptos::prelude::*;

const TITLE: &str = "Trang thí sinh";
const EMPTY: &str = "Chưa có vòng thi trực tuyến nào đang mở. Vui lòng quay lại sau.";

#[component]
pub fn ContestantPage() -> impl IntoView {
    role_page(Role::Contestant, TITLE, |_| view! { <p class="muted" data-testid="no-rounds">{EMPTY}</p> })
}
