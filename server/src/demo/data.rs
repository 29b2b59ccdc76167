//! What the demo loads: the units of Bình Định, the organizers, judges and secretary, the
//! passwords, and the names demo contestants are given.

use domain::{Role, UnitGroup};
use rand::{Rng, seq::SliceRandom};

pub const CONTEST_NAME: &str = "Hội thi tuyên truyền, cổ động về cải cách hành chính tỉnh Bình Định năm 2017";
pub(super) const CONTEST_DESCRIPTION: &str = "Tổ chức trong Quý III năm 2017 theo Kế hoạch tuyên truyền cải cách hành chính tỉnh Bình Định năm 2017 (ban hành kèm Quyết định số 814/QĐ-UBND ngày 13/3/2017). Sở Nội vụ chủ trì, phối hợp với Liên đoàn Lao động tỉnh.";

/// Demo units: name, group and an illustrative headcount (organizers enter the real ones).
pub(super) const UNITS: &[(&str, UnitGroup, i64)] = &[
    ("UBND thành phố Quy Nhơn", UnitGroup::District, 420),
    ("UBND thị xã An Nhơn", UnitGroup::District, 260),
    ("UBND huyện Tuy Phước", UnitGroup::District, 240),
    ("UBND huyện Phù Cát", UnitGroup::District, 250),
    ("UBND huyện Phù Mỹ", UnitGroup::District, 240),
    ("UBND huyện Hoài Nhơn", UnitGroup::District, 270),
    ("UBND huyện Hoài Ân", UnitGroup::District, 180),
    ("UBND huyện An Lão", UnitGroup::District, 120),
    ("UBND huyện Tây Sơn", UnitGroup::District, 210),
    ("UBND huyện Vĩnh Thạnh", UnitGroup::District, 110),
    ("UBND huyện Vân Canh", UnitGroup::District, 100),
    ("Văn phòng UBND tỉnh", UnitGroup::Department, 95),
    ("Sở Nội vụ", UnitGroup::Department, 85),
    ("Sở Thông tin và Truyền thông", UnitGroup::Department, 45),
    ("Sở Tư pháp", UnitGroup::Department, 60),
    ("Sở Tài chính", UnitGroup::Department, 80),
    ("Sở Kế hoạch và Đầu tư", UnitGroup::Department, 65),
    ("Sở Khoa học và Công nghệ", UnitGroup::Department, 50),
    ("Sở Tài nguyên và Môi trường", UnitGroup::Department, 110),
    ("Sở Lao động - Thương binh và Xã hội", UnitGroup::Department, 90),
    ("Đài Phát thanh và Truyền hình Bình Định", UnitGroup::Department, 130),
    ("Báo Bình Định", UnitGroup::Department, 75),
    ("Sở Công Thương", UnitGroup::Department, 70),
    ("Sở Nông nghiệp và Phát triển nông thôn", UnitGroup::Department, 160),
    ("Sở Giao thông vận tải", UnitGroup::Department, 95),
    ("Sở Xây dựng", UnitGroup::Department, 60),
    ("Sở Giáo dục và Đào tạo", UnitGroup::Department, 100),
    ("Sở Y tế", UnitGroup::Department, 120),
    ("Sở Văn hóa và Thể thao", UnitGroup::Department, 90),
    ("Sở Ngoại vụ", UnitGroup::Department, 30),
    ("Thanh tra tỉnh", UnitGroup::Department, 45),
    ("Ban Dân tộc", UnitGroup::Department, 25),
    ("Ban Quản lý Khu kinh tế", UnitGroup::Department, 70),
];

pub(super) struct DemoUser {
    pub(super) login: &'static str,
    pub(super) name: &'static str,
    pub(super) role: Role,
    pub(super) unit: Option<&'static str>,
    pub(super) head: bool,
    pub(super) reserve: bool,
}

pub(super) const STAFF: &[DemoUser] = &[
    DemoUser {
        login: "snv@hoithi.test",
        name: "Trần Minh Quang",
        role: Role::Organizer,
        unit: Some("Sở Nội vụ"),
        head: false,
        reserve: false,
    },
    DemoUser {
        login: "ldld@hoithi.test",
        name: "Phan Thị Hồng Nhung",
        role: Role::Organizer,
        unit: None,
        head: false,
        reserve: false,
    },
    DemoUser {
        login: "giamkhao1@hoithi.test",
        name: "Nguyễn Văn Thành",
        role: Role::Judge,
        unit: Some("Sở Tư pháp"),
        head: true,
        reserve: false,
    },
    DemoUser {
        login: "giamkhao2@hoithi.test",
        name: "Lê Thị Thu Hà",
        role: Role::Judge,
        unit: Some("Sở Thông tin và Truyền thông"),
        head: false,
        reserve: false,
    },
    DemoUser {
        login: "giamkhao3@hoithi.test",
        name: "Võ Đình Khoa",
        role: Role::Judge,
        unit: Some("Văn phòng UBND tỉnh"),
        head: false,
        reserve: false,
    },
    DemoUser {
        login: "giamkhao4@hoithi.test",
        name: "Huỳnh Thị Mỹ Linh",
        role: Role::Judge,
        unit: Some("Báo Bình Định"),
        head: false,
        reserve: false,
    },
    DemoUser {
        login: "giamkhao5@hoithi.test",
        name: "Đặng Quốc Bảo",
        role: Role::Judge,
        unit: Some("UBND thành phố Quy Nhơn"),
        head: false,
        reserve: false,
    },
    DemoUser {
        login: "giamkhao6@hoithi.test",
        name: "Trương Thị Kim Oanh",
        role: Role::Judge,
        unit: Some("Sở Văn hóa và Thể thao"),
        head: false,
        reserve: true,
    },
    DemoUser {
        login: "thuky@hoithi.test",
        name: "Đoàn Thị Mai",
        role: Role::Secretary,
        unit: Some("Sở Nội vụ"),
        head: false,
        reserve: false,
    },
];

pub(super) const PASSWORD_ORGANIZER: &str = "BanToChuc@2017";
pub(super) const PASSWORD_JUDGE: &str = "GiamKhao@2017";
pub(super) const PASSWORD_SECRETARY: &str = "ThuKy@2017";
pub(super) const PASSWORD_CONTESTANT: &str = "ThiSinh@2017";
pub(super) const PASSWORD_TEAM: &str = "DoiThi@2017";
pub(super) const CONTESTANTS: usize = 300;

pub(super) fn password_for(role: Role) -> &'static str {
    match role {
        Role::Organizer => PASSWORD_ORGANIZER,
        Role::Judge => PASSWORD_JUDGE,
        Role::Secretary => PASSWORD_SECRETARY,
        Role::Contestant => PASSWORD_CONTESTANT,
        Role::Team => PASSWORD_TEAM,
    }
}

pub(super) const FAMILY: &[&str] = &[
    "Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Hoàng", "Phan", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô",
    "Dương", "Lý", "Đoàn", "Trương", "Lương",
];
pub(super) const MIDDLE_M: &[&str] = &["Văn", "Minh", "Quốc", "Đức", "Hữu", "Thanh", "Công", "Ngọc", "Xuân"];
pub(super) const MIDDLE_F: &[&str] =
    &["Thị", "Thị Thu", "Thị Kim", "Ngọc", "Thị Mỹ", "Thị Thanh", "Thị Bích"];
pub(super) const GIVEN_M: &[&str] = &[
    "An", "Bình", "Cường", "Dũng", "Đạt", "Hải", "Hiếu", "Hùng", "Khánh", "Long", "Nam", "Phong", "Phúc",
    "Quân", "Sơn", "Tài", "Thắng", "Trung", "Tuấn", "Vinh",
];
pub(super) const GIVEN_F: &[&str] = &[
    "Anh",
    "Chi",
    "Diệp",
    "Dung",
    "Giang",
    "Hà",
    "Hạnh",
    "Hằng",
    "Hương",
    "Lan",
    "Linh",
    "Loan",
    "Mai",
    "Ngân",
    "Nhung",
    "Oanh",
    "Phượng",
    "Thảo",
    "Trang",
    "Vy",
    "Yến",
];

/// Deterministic Vietnamese names, so the demo is the same on every machine.
pub(super) fn demo_name(rng: &mut impl Rng) -> String {
    let family = FAMILY.choose(rng).copied().unwrap_or("Nguyễn");
    let (middle, given) = if rng.gen_bool(0.5) { (MIDDLE_M, GIVEN_M) } else { (MIDDLE_F, GIVEN_F) };
    format!(
        "{family} {} {}",
        middle.choose(rng).copied().unwrap_or("Văn"),
        given.choose(rng).copied().unwrap_or("An")
    )
}
