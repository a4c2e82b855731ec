//! File bytes on disk, under `<data dir>/files/<id>`. Rows describing them live in
//! `stored_file`; this only moves bytes.

use std::io;
use std::path::PathBuf;
use uuid::Uuid;

#[derive(Clone, Debug)]
pub struct FileStore {
    dir: PathBuf,
}

impl FileStore {
    pub fn new(data_dir: &std::path::Path) -> Self {
        FileStore {
            dir: data_dir.join("files"),
        }
    }

    fn path(&self, id: Uuid) -> PathBuf {
        self.dir.join(id.simple().to_string())
    }

    /// Writes the whole file, or nothing: a temporary file renamed into place.
    pub async fn put(&self, id: Uuid, bytes: &[u8]) -> io::Result<()> {
        tokio::fs::create_dir_all(&self.dir).await?;
        let partial = self.dir.join(format!("{}.partial", id.simple()));
        tokio::fs::write(&partial, bytes).await?;
        tokio::fs::rename(&partial, self.path(id)).await
    }

    pub async fn read(&self, id: Uuid) -> io::Result<Vec<u8>> {
        tokio::fs::read(self.path(id)).await
    }

    /// Removes a file; one already gone is not an error.
    pub async fn remove(&self, id: Uuid) -> io::Result<()> {
        match tokio::fs::remove_file(self.path(id)).await {
            Err(err) if err.kind() != io::ErrorKind::NotFound => Err(err),
            _ => Ok(()),
        }
    }
}
