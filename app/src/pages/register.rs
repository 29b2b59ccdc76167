use crate::{
    auth::{Register, UnitChoice, unit_choices},
    components::{forms::ActionError, outcome::outcome},
};
use domain::UnitGroup;
use leptos::prelude::*;
use leptos_meta::Title;

const TITLE: &str = "Đăng ký dự thi";
const INTRO: &str =
    "Dành cho cán bộ, công chức, viên chức và người lao động của các cơ quan, đơn vị trên địa bàn tỉnh.";
const NAME_LABEL: &str = "Họ và tên";
const UNIT_LABEL: &str = "Đơn vị công tác";
const UNIT_PLACEHOLDER: &str = "— Chọn đơn vị —";
const CONTACT_LABEL: &str = "Email hoặc số điện thoại (dùng để đăng nhập)";
const PASSWORD_LABEL: &str = "Mật khẩu (ít nhất 8 ký tự)";
const CONFIRM_LABEL: &str = "Nhập lại mật khẩu";
const MISMATCH: &str = "Mật khẩu nhập lại chưa khớp.";
const SUBMIT: &str = "Tạo tài khoản";
const HAVE_ACCOUNT: &str = "Đã có tài khoản?";
const SIGN_IN: &str = "Đăng nhập";
const LOADING: &str = "Đang tải danh sách đơn vị…";

#[component]
pub fn RegisterPage() -> impl IntoView {
    let action = ServerAction::<Register>::new();
    let units = crate::data::page_data(|| (), |_| unit_choices());
    let password = RwSignal::new(String::new());
    let confirm = RwSignal::new(String::new());
    let mismatch = move || !confirm.get().is_empty() && password.get() != confirm.get();
    view! {
        <Title text=TITLE/>
        <section class="panel narrow">
            <h1>{TITLE}</h1>
            <p class="muted">{INTRO}</p>
            <ActionForm action=action attr:class="form" attr:data-testid="register-form">
                <label>
                    <span>{NAME_LABEL}</span>
                    <input type="text" name="full_name" required maxlength="100" autocomplete="name" data-testid="name-input"/>
                </label>
                <label>
                    <span>{UNIT_LABEL}</span>
                    <Suspense fallback=|| view! { <p class="muted">{LOADING}</p> }>
                        {move || Suspend::new(async move { outcome(units.await, unit_select) })}
                    </Suspense>
                </label>
                <label>
                    <span>{CONTACT_LABEL}</span>
                    <input type="text" name="contact" required autocomplete="email" autocapitalize="none" data-testid="contact-input"/>
                </label>
                <label>
                    <span>{PASSWORD_LABEL}</span>
                    <input type="password" name="password" required minlength="8" autocomplete="new-password"
                        on:input=move |ev| password.set(event_target_value(&ev)) data-testid="password-input"/>
                </label>
                <label>
                    <span>{CONFIRM_LABEL}</span>
                    <input type="password" name="password_confirm" required minlength="8" autocomplete="new-password"
                        on:input=move |ev| confirm.set(event_target_value(&ev)) data-testid="confirm-input"/>
                </label>
                <Show when=mismatch>
                    <p class="field-hint error" data-testid="mismatch">{MISMATCH}</p>
                </Show>
                <ActionError value=action.value()/>
                <button type="submit" class="btn btn-primary" disabled=move || action.pending().get() || mismatch() data-testid="register-submit">
                    {SUBMIT}
                </button>
            </ActionForm>
            <p class="muted">{HAVE_ACCOUNT}" "<a href="/dang-nhap">{SIGN_IN}</a></p>
        </section>
    }
}

fn unit_select(units: Vec<UnitChoice>) -> impl IntoView {
    let groups = UnitGroup::ALL.map(|group| {
        let options: Vec<_> = units
            .iter()
            .filter(|u| u.group == group)
            .map(|u| view! { <option value=u.id>{u.name.clone()}</option> })
            .collect();
        view! { <optgroup label=group.label()>{options}</optgroup> }
    });
    view! {
        <select name="unit_id" required data-testid="unit-select">
            <option value="">{UNIT_PLACEHOLDER}</option>
            {groups.into_iter().collect_view()}
        </select>
    }
}
