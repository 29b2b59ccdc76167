use crate::components::role_page::role_page;
use domain::Role;
use leptos::prelude::*;

const TITLE: &str = "Trang thư ký";
const EMPTY: &str = "Chưa có phần thi nào đang diễn ra trên sân khấu.";

#[component]
pub fn SecretaryPage() -> impl IntoView {
    role_page(Role::Secretary, TITLE, |_| view! { <p class="muted">{EMPTY}</p> })
}
