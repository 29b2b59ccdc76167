use crate::components::role_page::role_page;
use domain::Role;
use leptos::prelude::*;

const TITLE: &str = "Trang giám khảo";
const HEAD: &str = "Trưởng Ban giám khảo";
const EMPTY: &str = "Chưa có phần thi nào được mở để chấm điểm.";

#[component]
pub fn JudgePage() -> impl IntoView {
    role_page(Role::Judge, TITLE, |u| {
        view! {
            {u.is_head_judge.then_some(view! { <p class="badge">{HEAD}</p> })}
            <p class="muted" data-testid="judge-empty">{EMPTY}</p>
        }
    })
}
