//! The frame around every page: header with the signed-in user, main area, footer.

use crate::{
    auth::{CurrentUser, Logout, get_current_user},
    components::forms::PostForm,
};
use leptos::prelude::*;
use leptos_router::hooks::use_location;

const BRAND: &str = "Hội thi CCHC";
const BRAND_LONG: &str = "Tuyên truyền, cổ động về cải cách hành chính · Bình Định 2017";
const SIGN_IN: &str = "Đăng nhập";
const REGISTER: &str = "Đăng ký dự thi";
const SIGN_OUT: &str = "Đăng xuất";
const FOOTER: &str = "Sở Nội vụ · Liên đoàn Lao động tỉnh Bình Định";

/// The signed-in user of the page, shared with pages through context.
pub type UserResource = Resource<Result<Option<CurrentUser>, crate::error::AppError>, crate::data::Json>;

#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let location = use_location();
    let logout = ServerAction::<Logout>::new();
    // Reloaded when the visitor moves to another part of the site (signing in or registering always
    // ends on the user's own part) and after signing out, so the header is right at once; moving
    // within a part (a contestant's rounds, quiz and result) asks the server nothing.
    let part = Memo::new(move |_| location.pathname.with(|p| site_part(p).to_owned()));
    let user: UserResource =
        crate::data::page_data(move || (part.get(), logout.version().get()), |_| get_current_user());
    provide_context(user);

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
                                    <PostForm action=logout read=|_| Logout {} class="inline">
                                        <button type="submit" class="btn btn-ghost" data-testid="logout">{SIGN_OUT}</button>
                                    </PostForm>
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

/// The part of the site a path belongs to: its first segment ("" for the home page).
fn site_part(path: &str) -> &str {
    path.trim_start_matches('/').split('/').next().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::site_part;

    #[test]
    fn a_contestants_rounds_quiz_and_result_are_one_part_of_the_site() {
        assert_eq!(site_part("/thi-sinh"), "thi-sinh");
        assert_eq!(site_part("/thi-sinh/bai-thi/12"), "thi-sinh");
        assert_eq!(site_part("/thi-sinh/ket-qua/12"), "thi-sinh");
        assert_eq!(site_part("/"), "");
        assert_ne!(site_part("/dang-nhap"), site_part("/thi-sinh"), "signing in changes the part");
        assert_ne!(site_part("/dang-ky"), site_part("/thi-sinh"), "registering changes the part");
    }
}
