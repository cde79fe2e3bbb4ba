//! The dataset shipped inside the binary: every file under `data/`, compiled in.

/// Where the embedded files say they come from in messages.
pub const EMBEDDED_DIR: &str = "<embedded>";
/// The embedded dataset, file by file: the article with its entities, then
/// the U.S. National Security Strategies 1987-2015 (`data/nss/`). A test
/// checks that every file of `data/nss` is listed here.
pub const EMBEDDED_FILES: &[(&str, &str)] = &[
    (
        "nss2025-balkans.json",
        include_str!("../../../data/seed/nss2025-balkans.json"),
    ),
    (
        "nss-entities.json",
        include_str!("../../../data/nss/nss-entities.json"),
    ),
    (
        "us-nss-1987.json",
        include_str!("../../../data/nss/us-nss-1987.json"),
    ),
    (
        "us-nss-1988.json",
        include_str!("../../../data/nss/us-nss-1988.json"),
    ),
    (
        "us-nss-1990.json",
        include_str!("../../../data/nss/us-nss-1990.json"),
    ),
    (
        "us-nss-1991.json",
        include_str!("../../../data/nss/us-nss-1991.json"),
    ),
    (
        "us-nss-1993.json",
        include_str!("../../../data/nss/us-nss-1993.json"),
    ),
    (
        "us-nss-1994.json",
        include_str!("../../../data/nss/us-nss-1994.json"),
    ),
    (
        "us-nss-1995.json",
        include_str!("../../../data/nss/us-nss-1995.json"),
    ),
    (
        "us-nss-1996.json",
        include_str!("../../../data/nss/us-nss-1996.json"),
    ),
    (
        "us-nss-1997.json",
        include_str!("../../../data/nss/us-nss-1997.json"),
    ),
    (
        "us-nss-1998.json",
        include_str!("../../../data/nss/us-nss-1998.json"),
    ),
    (
        "us-nss-1999.json",
        include_str!("../../../data/nss/us-nss-1999.json"),
    ),
    (
        "us-nss-2001.json",
        include_str!("../../../data/nss/us-nss-2001.json"),
    ),
    (
        "us-nss-2002.json",
        include_str!("../../../data/nss/us-nss-2002.json"),
    ),
    (
        "us-nss-2006.json",
        include_str!("../../../data/nss/us-nss-2006.json"),
    ),
    (
        "us-nss-2010.json",
        include_str!("../../../data/nss/us-nss-2010.json"),
    ),
    (
        "us-nss-2015.json",
        include_str!("../../../data/nss/us-nss-2015.json"),
    ),
];

/// The article dataset, the first embedded file.
pub const EMBEDDED_JSON: &str = EMBEDDED_FILES[0].1;
