use crate::{
    auth::Login,
    components::forms::{ActionError, PostForm},
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

const TITLE: &str = "Đăng nhập";
const LOGIN_LABEL: &str = "Email, số điện thoại hoặc tên đăng nhập";
const PASSWORD_LABEL: &str = "Mật khẩu";
const SHOW_PASSWORD: &str = "Hiện mật khẩu";
const SUBMIT: &str = "Đăng nhập";
const SUBMITTING: &str = "Đang đăng nhập…";
const NO_ACCOUNT: &str = "Chưa có tài khoản?";
const REGISTER: &str = "Đăng ký dự thi";

#[component]
pub fn LoginPage() -> impl IntoView {
    let action = ServerAction::<Login>::new();
    let query = use_query_map();
    let next = move || query.with(|q| q.get("next")).unwrap_or_default();
    let show_password = RwSignal::new(false);
    view! {
        <Title text=TITLE/>
        <section class="panel narrow">
            <h1>{TITLE}</h1>
            <PostForm action=action read=|f| Login { login: f.text("login"), password: f.text("password"), next: Some(f.text("next")) } class="form" testid="login-form">
                <input type="hidden" name="next" value=next/>
                <label>
                    <span>{LOGIN_LABEL}</span>
                    <input type="text" name="login" required autocomplete="username" autocapitalize="none" data-testid="login-input"/>
                </label>
                <label>
                    <span>{PASSWORD_LABEL}</span>
                    <input
                        type=move || if show_password.get() { "text" } else { "password" }
                        name="password" required autocomplete="current-password" data-testid="password-input"
                    />
                </label>
                <label class="check">
                    <input type="checkbox" on:change=move |ev| show_password.set(event_target_checked(&ev)) data-testid="show-password"/>
                    <span>{SHOW_PASSWORD}</span>
                </label>
                <ActionError value=action.value()/>
                <button type="submit" class="btn btn-primary" data-testid="login-submit" disabled=move || action.pending().get()>
                    {move || if action.pending().get() { SUBMITTING } else { SUBMIT }}
                </button>
            </PostForm>
            <p class="muted">{NO_ACCOUNT}" "<a href="/dang-ky">{REGISTER}</a></p>
        </section>
    }
}
