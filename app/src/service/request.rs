//! What a use case needs to know of the request itself: who the client is.

/// The client's address, for the answer log and the sign-in limits: the peer the connection came
/// from, or behind one trusted reverse proxy (`behind_proxy`) the rightmost `X-Forwarded-For`
/// entry, the one that proxy appended.
pub fn client_address(
    headers: &axum::http::HeaderMap,
    peer: Option<std::net::IpAddr>,
    behind_proxy: bool,
) -> String {
    if behind_proxy
        && let Some(forwarded) = headers.get("x-forwarded-for").and_then(|v| v.to_str().ok())
        && let Some(client) = domain::request::forwarded_client(forwarded)
    {
        return client.to_owned();
    }
    peer.map_or_else(|| "unknown".to_owned(), |ip| ip.to_string())
}
