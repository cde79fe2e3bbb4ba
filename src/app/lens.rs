//! The attribution lens: which layer of attribution the claims list shows,
//! so an analyst can separate what the strategy says from what
//! commentators read into it.

use crate::model::Layer;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lens {
    #[default]
    All,
    /// The strategy's own words, verbatim or paraphrased.
    Primary,
    Author,
    Unnamed,
    Named,
}

impl Lens {
    pub const ALL: [Lens; 5] = [
        Lens::All,
        Lens::Primary,
        Lens::Author,
        Lens::Unnamed,
        Lens::Named,
    ];

    /// The next lens in the cycle `a` walks.
    pub fn next(self) -> Lens {
        let i = Lens::ALL.iter().position(|&l| l == self).unwrap_or(0);
        Lens::ALL[(i + 1) % Lens::ALL.len()]
    }

    pub fn admits(self, layer: Layer) -> bool {
        match self {
            Lens::All => true,
            Lens::Primary => matches!(layer, Layer::PrimaryVerbatim | Layer::PrimaryParaphrase),
            Lens::Author => layer == Layer::Author,
            Lens::Unnamed => layer == Layer::UnnamedSources,
            Lens::Named => layer == Layer::NamedSource,
        }
    }

    /// Shown in the chips, the breadcrumb and briefings.
    pub fn label(self) -> &'static str {
        match self {
            Lens::All => "all attributions",
            Lens::Primary => "primary text",
            Lens::Author => "author's reading",
            Lens::Unnamed => "unnamed sources",
            Lens::Named => "named sources",
        }
    }

    /// Stable name for the saved session.
    pub fn key(self) -> &'static str {
        match self {
            Lens::All => "all",
            Lens::Primary => "primary",
            Lens::Author => "author",
            Lens::Unnamed => "unnamed",
            Lens::Named => "named",
        }
    }

    pub fn parse(key: &str) -> Option<Lens> {
        Lens::ALL.into_iter().find(|l| l.key() == key)
    }
}
