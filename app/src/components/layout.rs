//! The frame around every page: header with the signed-in user, main area, footer.

use crate::auth::{CurrentUser, Logout, get_current_user};
use leptos::prelude::*;
use leptos_router::hooks::use_location;

const BRAND: &str = "Hội thi CCHC";
const BRAND_LONG: &str = "Tuyên truyền, cổ động về cải cách hành chính · Bình Định 2017";
const SIGN_IN: &str = "Đăng nhập";
const REGISTER: &str = "Đăng ký dự thi";
const SIGN_OUT: &str = "Đăng xuất";
const FOOTER: &str = "Sở Nội vụ · Liên đoàn Lao động tỉnh Bình Định";

/// The signed-in user of the page, shared with pages through context.
pub type UserResource = Resource<Result<Option<CurrentUser>, crate::error::AppError>>;

#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let location = use_location();
    // Reloaded on every navigation, so signing in or out shows at once in the header.
    let user: UserResource = Resource::new(move || location.pathname.get(), |_| get_current_user());
    provide_context(user);
    let logout = ServerAction::<Logout>::new();

    // Set once the WebAssembly has taken over the page; tests wait for it before clicking.
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));

    view! {
        <div class="page" data-hydrated=move || hydrated.get().then_some("true")>
            <header class="topbar">
                <a class="brand" href="/">
                    <span class="brand-mark" aria-hidden="true">"CCHC"</span>
                    <span class="brand-text">
                        <strong>{BRAND}</strong>
                        <small>{BRAND_LONG}</small>
                    </span>
                </a>
                <nav class="usernav">
                    <Transition fallback=|| ()>
                        {move || Suspend::new(async move {
                            match user.await {
                                Ok(Some(u)) => view! {
                                    <a class="user-chip" href=u.role.home_path() data-testid="current-user">
                                        <span class="user-name">{u.full_name.clone()}</span>
                                        <span class="user-role">{u.role.label()}</span>
                                    </a>
                                    <ActionForm action=logout attr:class="inline">
                                        <button type="submit" class="btn btn-ghost" data-testid="logout">{SIGN_OUT}</button>
                                    </ActionForm>
                                }.into_any(),
                                _ => view! {
                                    <a class="btn btn-ghost" href="/dang-nhap">{SIGN_IN}</a>
                                    <a class="btn btn-primary" href="/dang-ky">{REGISTER}</a>
                                }.into_any(),
                            }
                        })}
                    </Transition>
                </nav>
            </header>
            <main class="content">{children()}</main>
            <footer class="footer">{FOOTER}</footer>
        </div>
    }
}
