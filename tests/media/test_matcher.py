"""The media matcher: from a post's media (bytes, path or hash) to bank matches, with
quality, negative banks, rollout and video frame rules applied."""

from __future__ import annotations

from pathlib import Path

import msgspec
from PIL import Image

from netgov.core.content import Content, MediaRef, content_from_json, content_to_json
from netgov.core.observations import MediaObservation, Observations
from netgov.core.taxonomy import Category
from netgov.media.hashing import exact_hashes, hash_image
from netgov.media.matcher import MatcherOptions, MediaMatcher
from netgov.media.memory_index import MemoryBank, MemoryIndex
from tests.media.test_hashing import EDITS, encoded, picture, video

CSAM = MemoryBank("csam", category=Category.PROTECTION_OF_MINORS)


def _index(*images: Image.Image, bank: MemoryBank = CSAM) -> MemoryIndex:
    index = MemoryIndex([bank])
    for number, image in enumerate(images):
        index.add(bank.name, f"e{number}", "pdq", hash_image(encoded(image)).pdq.hash)
    return index


def _post(*refs: MediaRef, id: str = "p1") -> Content:
    return Content(id=id, media=refs)


def _media(matcher: MediaMatcher, content: Content) -> tuple[MediaObservation, ...]:
    observed = matcher.match([content]).observations[0]
    return observed.media if observed else ()


def test_an_edited_copy_matches_its_bank_entry_with_distance_and_quality() -> None:
    matcher = MediaMatcher(_index(picture(1)))
    (found,) = _media(matcher, _post(MediaRef(data=EDITS["jpeg 70"](picture(1)))))
    assert (found.bank, found.entry, found.signal_type, found.category) == ("csam", "e0", "pdq", CSAM.category)
    assert found.distance <= 31
    assert found.quality is not None
    assert found.quality >= 50


def test_an_unrelated_image_does_not_match() -> None:
    assert _media(MediaMatcher(_index(picture(1))), _post(MediaRef(data=encoded(picture(9))))) == ()


def test_bytes_a_path_a_file_uri_and_a_sent_hash_give_the_same_match(tmp_path: Path) -> None:
    data = encoded(picture(1))
    (tmp_path / "a.png").write_bytes(data)
    matcher = MediaMatcher(_index(picture(1)), base_dir=tmp_path)
    refs = [
        MediaRef(data=data),
        MediaRef(uri=str(tmp_path / "a.png")),
        MediaRef(uri="a.png"),
        MediaRef(uri=(tmp_path / "a.png").as_uri()),
        MediaRef(pdq=hash_image(data).pdq.hash),
    ]
    found = {(m.bank, m.entry, m.distance) for ref in refs for m in _media(matcher, _post(ref))}
    assert found == {("csam", "e0", 0)}


def test_exact_hashes_match_exact_entries() -> None:
    data = encoded(picture(1))
    index = MemoryIndex([CSAM])
    index.add("csam", "x1", "md5", exact_hashes(data)[0])
    index.add("csam", "x2", "sha256", exact_hashes(data)[1])
    found = _media(MediaMatcher(index), _post(MediaRef(data=data)))
    assert {(m.signal_type, m.entry, m.distance) for m in found} == {("md5", "x1", 0), ("sha256", "x2", 0)}


def test_low_quality_hashes_are_not_matched_or_recorded() -> None:
    flat = Image.new("RGB", (640, 480), (90, 120, 200))
    index = _index(flat)
    assert _media(MediaMatcher(index), _post(MediaRef(data=encoded(flat)))) == ()
    assert index.traffic == []


def test_a_negative_bank_cancels_positive_matches_of_the_same_item() -> None:
    index = _index(picture(1))
    index.add_bank(MemoryBank("known-fp", negative=True))
    index.add("known-fp", "fp1", "pdq", hash_image(encoded(picture(1))).pdq.hash)
    other = encoded(picture(2))
    index.add("csam", "e2", "pdq", hash_image(other).pdq.hash)
    found = _media(MediaMatcher(index), _post(MediaRef(data=encoded(picture(1))), MediaRef(data=other)))
    assert [(m.media, m.entry) for m in found] == [(1, "e2")]


def _rolled(ratio: float, ids: range) -> set[str]:
    matcher = MediaMatcher(_index(picture(1), bank=MemoryBank("b", rollout=ratio)))
    data = encoded(picture(1))
    result = matcher.match([_post(MediaRef(data=data), id=f"p{i}") for i in ids])
    return {f"p{i}" for i, observed in zip(ids, result.observations, strict=True) if observed}


def test_rollout_zero_never_matches_and_one_always_does() -> None:
    assert _rolled(0.0, range(20)) == set()
    assert _rolled(1.0, range(20)) == {f"p{i}" for i in range(20)}


def test_rollout_half_is_deterministic_per_content_id() -> None:
    first = _rolled(0.5, range(40))
    assert first == _rolled(0.5, range(40))
    assert 8 < len(first) < 32
    assert first <= _rolled(0.8, range(40))


def test_a_video_matches_a_bank_of_its_frames_with_timestamps() -> None:
    frames = [picture(1), picture(2), picture(3)]
    matcher = MediaMatcher(_index(picture(2), picture(3)))
    (found,) = _media(matcher, _post(MediaRef(kind="video", data=video(frames))))
    assert found.timestamps == (1.0, 2.0)
    assert found.bank == "csam"


def test_a_video_with_too_few_matching_frames_does_not_match() -> None:
    frames = [picture(4), picture(5), picture(6), picture(1)]
    options = MatcherOptions(video_min_frames=2, video_min_share=0.5)
    assert _media(MediaMatcher(_index(picture(1)), options), _post(MediaRef(kind="video", data=video(frames)))) == ()


def test_traffic_is_recorded_once_per_batch() -> None:
    index = _index(picture(1))
    MediaMatcher(index).match([_post(MediaRef(data=encoded(picture(i))), id=f"p{i}") for i in range(3)])
    assert len(index.traffic) == 3


def test_unreadable_media_is_reported_and_skipped(tmp_path: Path) -> None:
    refs = (
        MediaRef(data=b"junk"),
        MediaRef(uri=str(tmp_path / "missing.png")),
        MediaRef(uri="https://x.example/a.png"),
    )
    result = MediaMatcher(_index(picture(1))).match([_post(*refs)])
    assert result.observations == [None]
    assert [f.media for f in result.failures] == [0, 1, 2]
    assert "not fetched" in result.failures[2].reason


def test_content_with_media_bytes_round_trips_through_json() -> None:
    content = _post(MediaRef(kind="image", data=b"\x89PNG\x00\xff", md5="ab" * 16))
    assert b'"data":"iVBORwD/"' in content_to_json(content)
    assert content_from_json(content_to_json(content)) == content


def test_observations_with_media_round_trip_through_json() -> None:
    observed = Observations(
        media=(
            MediaObservation(
                media=0,
                signal_type="pdq",
                bank="csam",
                entry="e1",
                distance=12,
                quality=87,
                category=Category.PROTECTION_OF_MINORS,
                timestamps=(3.0, 4.0),
            ),
        )
    )
    assert msgspec.json.decode(msgspec.json.encode(observed), type=Observations) == observed


def test_the_md5_of_a_video_is_matched_as_video_md5() -> None:
    data = video([picture(1)])
    index = MemoryIndex([CSAM])
    index.add("csam", "v1", "video_md5", exact_hashes(data)[0])
    index.add("csam", "i1", "md5", exact_hashes(data)[0])
    found = _media(MediaMatcher(index), _post(MediaRef(kind="video", data=data)))
    assert [(m.signal_type, m.entry) for m in found] == [("video_md5", "v1")]
