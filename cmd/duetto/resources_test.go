package main

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/duetto-press/duetto/examples"
)

// TestResourceCacheReusesUntilAFileChanges: watch's resource cache gives
// back the same fonts, images and hyphenators after a text edit, and
// loads them again once a photo changes on disk.
func TestResourceCacheReusesUntilAFileChanges(t *testing.T) {
	src := filepath.Join(t.TempDir(), "turin")
	if err := os.CopyFS(src, examples.Turin()); err != nil {
		t.Fatal(err)
	}
	var cache resourceCache
	load := func() any {
		t.Helper()
		pub, err := loadPublication(src)
		if err != nil {
			t.Fatal(err)
		}
		res, err := cache.load(pub)
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	first := load()
	writer := cache.writerCache()
	if again := load(); again != first {
		t.Error("nothing changed, but the resources were loaded again")
	}
	if cache.writerCache() != writer {
		t.Error("nothing changed, but the writer's cache was dropped")
	}
	// A text edit: the section file changes, no font or image does.
	section := filepath.Join(src, "sections", "03-cooperazione.toml")
	os.Chmod(section, 0o644)
	older, err := os.ReadFile("../../testdata/turin-older/03-cooperazione.toml")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(section, older, 0o644); err != nil {
		t.Fatal(err)
	}
	if afterEdit := load(); afterEdit != first {
		t.Error("a text edit made the resources load again")
	}
	if cache.writerCache() != writer {
		t.Error("a text edit dropped the writer's cache")
	}
	// A photo saved again (a new modification time): loaded afresh.
	photo := filepath.Join(src, "images", "venaria.jpg")
	later := time.Now().Add(time.Minute)
	if err := os.Chtimes(photo, later, later); err != nil {
		t.Fatal(err)
	}
	if afterPhoto := load(); afterPhoto == first {
		t.Error("a changed photo did not make the resources load again")
	}
	if cache.writerCache() == writer {
		t.Error("the resources were loaded again, but the writer's cache was kept")
	}
	var none *resourceCache
	pub, err := loadPublication(src)
	if err != nil {
		t.Fatal(err)
	}
	if a, _ := none.load(pub); a == nil {
		t.Error("a nil cache must still load the resources")
	}
}
