//! The export dialog's state: what to export, in which format, where.

use crate::export::{Format, GroupBy};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// The claims marked with `m`.
    Marked,
    /// The claims the Claims pane lists now.
    Listed,
}

impl Scope {
    pub const ALL: [Scope; 2] = [Scope::Marked, Scope::Listed];
}

/// The dialog's fields, in Tab order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Scope,
    Format,
    Group,
    Path,
}

impl Field {
    pub const ALL: [Field; 4] = [Field::Scope, Field::Format, Field::Group, Field::Path];

    pub fn label(self) -> &'static str {
        match self {
            Field::Scope => "Scope",
            Field::Format => "Format",
            Field::Group => "Groups",
            Field::Path => "File",
        }
    }

    pub fn cycle(self, step: isize) -> Field {
        let n = Field::ALL.len() as isize;
        let i = Field::ALL.iter().position(|&f| f == self).unwrap_or(0) as isize;
        Field::ALL[(i + step).rem_euclid(n) as usize]
    }
}

pub const FORMATS: [Format; 3] = [Format::Markdown, Format::Json, Format::Csv];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportDialog {
    pub scope: Scope,
    pub format: Format,
    /// How a Markdown briefing groups its claims, as `export --group-by`.
    pub group_by: GroupBy,
    /// As typed; relative paths are relative to the current directory.
    pub path: String,
    pub field: Field,
    /// The file exists: waiting for y/n before overwriting it.
    pub confirm: bool,
    /// Why the last write failed, shown in the dialog.
    pub error: Option<String>,
}

impl ExportDialog {
    pub fn new(scope: Scope, path: String) -> ExportDialog {
        ExportDialog {
            scope,
            format: Format::Markdown,
            group_by: GroupBy::Country,
            path,
            field: Field::Scope,
            confirm: false,
            error: None,
        }
    }

    /// Moves the focused option field by `step`; the file name's extension
    /// follows the format unless the user typed another one.
    pub fn change(&mut self, step: isize) {
        match self.field {
            Field::Scope => {
                self.scope = cycle(&Scope::ALL, self.scope, step);
            }
            Field::Format => {
                let old = self.format;
                self.format = cycle(&FORMATS, old, step);
                self.path = with_extension(&self.path, old, self.format);
            }
            Field::Group => self.group_by = cycle(&GroupBy::ALL, self.group_by, step),
            Field::Path => {}
        }
        self.error = None;
    }
}

fn cycle<T: Copy + PartialEq>(all: &[T], cur: T, step: isize) -> T {
    let n = all.len() as isize;
    let i = all.iter().position(|&x| x == cur).unwrap_or(0) as isize;
    all[(i + step).rem_euclid(n) as usize]
}

fn with_extension(path: &str, old: Format, new: Format) -> String {
    match path.strip_suffix(&format!(".{}", old.extension())) {
        Some(stem) => format!("{stem}.{}", new.extension()),
        None => path.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_change_follows_the_extension_only_when_it_matches() {
        let mut d = ExportDialog::new(Scope::Marked, "brief.md".into());
        d.field = Field::Format;
        d.change(1);
        assert_eq!((d.format, d.path.as_str()), (Format::Json, "brief.json"));
        d.change(1);
        assert_eq!((d.format, d.path.as_str()), (Format::Csv, "brief.csv"));
        d.path = "notes.txt".into();
        d.change(1);
        assert_eq!((d.format, d.path.as_str()), (Format::Markdown, "notes.txt"));
        d.field = Field::Scope;
        d.change(-1);
        assert_eq!(d.scope, Scope::Listed);
        d.field = Field::Group;
        d.change(1);
        assert_eq!(d.group_by, GroupBy::Theme);
        d.change(1);
        assert_eq!(d.group_by, GroupBy::None);
    }
}
