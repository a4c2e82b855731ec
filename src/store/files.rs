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

    /// Writes bytes to a staging file, outside any transaction; `place` then names it.
    pub async fn stage(&self, bytes: &[u8]) -> io::Result<Staged> {
        tokio::fs::create_dir_all(&self.dir).await?;
        let path = self
            .dir
            .join(format!("{}.partial", Uuid::new_v4().simple()));
        tokio::fs::write(&path, bytes).await?;
        Ok(Staged(path))
    }

    /// Makes a staged file the file `id`: a rename, cheap enough inside a transaction.
    pub async fn place(&self, staged: &Staged, id: Uuid) -> io::Result<()> {
        tokio::fs::rename(&staged.0, self.path(id)).await
    }

    /// Writes the whole file, or nothing.
    pub async fn put(&self, id: Uuid, bytes: &[u8]) -> io::Result<()> {
        let staged = self.stage(bytes).await?;
        self.place(&staged, id).await
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

/// Bytes written but not yet named; removed when dropped unless placed.
pub struct Staged(PathBuf);

impl Drop for Staged {
    fn drop(&mut self) {
        // After `place` the path no longer exists and this does nothing.
        let _ = std::fs::remove_file(&self.0);
    }
}
