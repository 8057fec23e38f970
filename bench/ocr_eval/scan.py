"""Printing-and-scanning and phone photographs of a clean page, by augraphy.

The tuning pages are degraded by ``damrong.demo.scans.degrade``; this set uses a separate,
maintained library, so the OCR is not measured on the very artefacts it was tuned against.
Images are handled in OpenCV's BGR order, which augraphy's colour effects assume.
A recipe (``scanner_recipe``, ``phone_recipe``) is drawn from the page's seeded ``random.Random``
and stored in the page's metadata; the effects are mild on purpose: a person reads every page
without effort, as with the scans a Damrongdhama center actually receives.

augraphy draws its own random numbers from ``random``, ``numpy.random`` and OpenCV: ``seed_all``
seeds the three before each page so that a page comes out the same in every build.
"""
import random

import augraphy
import cv2
import numpy as np
from PIL import Image

# Desk colours (RGB) a page is photographed on.
DESKS = {"wood": (132, 94, 60), "dark_wood": (84, 58, 40), "grey_laminate": (150, 150, 146),
         "black": (40, 40, 44), "green_felt": (60, 92, 70)}
INK_EFFECTS = ("none", "ink_bleed", "low_ink_lines", "low_ink_periodic", "letterpress", "mottling")


def seed_all(seed: int) -> None:
    random.seed(seed)
    np.random.seed(seed % 2**32)
    cv2.setRNGSeed(seed % 2**31)


def scanner_recipe(rng: random.Random) -> dict:
    """Paper, ink, skew, blur, noise and JPEG quality of one flatbed or copier scan."""
    return {
        "ink": rng.choice(INK_EFFECTS),
        "paper": rng.choice(("white", "white", "grey", "yellowish")),
        "texture": rng.choice(("none", "brightness", "noise")),
        "drum_streaks": rng.random() < 0.2,
        "skew_degrees": round(rng.uniform(-1.5, 1.5), 2),
        "blur_sigma": round(rng.uniform(0.0, 0.9), 2),
        "noise": rng.randint(3, 12),
        "jpeg_quality": rng.randint(50, 90),
    }


def phone_recipe(rng: random.Random) -> dict:
    """Tilt, framing, light and blur of a page photographed on a desk with a phone."""
    return {
        "ink": rng.choice(("none", "mottling")),
        "paper": rng.choice(("white", "yellowish")),
        "frame": rng.choice(((3000, 4000), (2448, 3264))),
        "page_fraction": round(rng.uniform(0.74, 0.88), 3),
        "corner_jitter": round(rng.uniform(0.01, 0.035), 4),
        "rotation_degrees": round(rng.uniform(-3.0, 3.0), 2),
        "desk": rng.choice(tuple(DESKS)),
        "light_floor": rng.randint(150, 200),
        "shadow": rng.random() < 0.5,
        "blur_sigma": round(rng.uniform(0.6, 1.4), 2),
        "noise": rng.randint(4, 10),
        "jpeg_quality": rng.randint(70, 90),
    }


def scan(page: Image.Image, recipe: dict, dpi: int, path) -> None:
    """Degrade ``page`` like a scan and save it as a JPEG carrying ``dpi``."""
    image = _ink(_bgr(page), recipe["ink"])
    image = _rotate(image, recipe["skew_degrees"])
    image = _paper(image, recipe["paper"], recipe["texture"])
    if recipe["drum_streaks"]:
        image = augraphy.DirtyDrum(line_width_range=(1, 2), line_concentration=0.05, noise_intensity=0.2,
                                   noise_value=(150, 220), p=1)(image)
    image = _finish(image, recipe["blur_sigma"], recipe["noise"])
    _image(image).convert("L" if page.mode == "L" else "RGB").save(
        path, "JPEG", quality=recipe["jpeg_quality"], dpi=(dpi, dpi))


def photograph(page: Image.Image, recipe: dict, path) -> None:
    """Lay ``page`` on a desk, photograph it in perspective under uneven light, save a JPEG.

    The JPEG carries no resolution: a phone's picture has none that means anything.
    """
    image = _paper(_ink(_bgr(page), recipe["ink"]), recipe["paper"], "none")
    width, height = recipe["frame"]
    h, w = image.shape[:2]
    scale = recipe["page_fraction"] * min(width / w, height / h)
    centre = np.array([width / 2, height / 2])
    corners = (np.array([[0, 0], [w, 0], [w, h], [0, h]]) - [w / 2, h / 2]) * scale
    angle = np.radians(recipe["rotation_degrees"])
    rotation = np.array([[np.cos(angle), -np.sin(angle)], [np.sin(angle), np.cos(angle)]])
    jitter = np.random.uniform(-1, 1, (4, 2)) * recipe["corner_jitter"] * min(width, height)
    target = corners @ rotation.T + centre + jitter
    matrix = cv2.getPerspectiveTransform(np.float32([[0, 0], [w, 0], [w, h], [0, h]]), np.float32(target))
    desk = np.full((height, width, 3), DESKS[recipe["desk"]][::-1], np.uint8)
    desk = augraphy.BrightnessTexturize(texturize_range=(0.85, 0.95), deviation=0.05, p=1)(desk)
    desk = cv2.GaussianBlur(desk, (0, 0), 3)
    photo = cv2.warpPerspective(image, matrix, (width, height), flags=cv2.INTER_AREA,
                                borderMode=cv2.BORDER_TRANSPARENT, dst=desk.copy())
    photo = augraphy.LightingGradient(max_brightness=255, min_brightness=recipe["light_floor"],
                                      mode="gaussian", transparency=0.5, p=1)(photo)
    if recipe["shadow"]:
        photo = augraphy.ShadowCast(shadow_opacity_range=(0.3, 0.45), shadow_iterations_range=(1, 1),
                                    shadow_blur_kernel_range=(201, 301), p=1)(photo)
    photo = _finish(photo, recipe["blur_sigma"], recipe["noise"])
    _image(photo).save(path, "JPEG", quality=recipe["jpeg_quality"])


def _bgr(page: Image.Image) -> np.ndarray:
    return np.ascontiguousarray(np.asarray(page.convert("RGB"))[:, :, ::-1])


def _image(bgr: np.ndarray) -> Image.Image:
    return Image.fromarray(np.ascontiguousarray(bgr[:, :, ::-1]))


def _ink(image: np.ndarray, effect: str) -> np.ndarray:
    effects = {
        "ink_bleed": lambda: augraphy.InkBleed(intensity_range=(0.2, 0.4), kernel_size=(3, 3),
                                               severity=(0.2, 0.3), p=1),
        "low_ink_lines": lambda: augraphy.LowInkRandomLines(count_range=(3, 8), noise_probability=0.05, p=1),
        "low_ink_periodic": lambda: augraphy.LowInkPeriodicLines(count_range=(2, 4), period_range=(20, 40),
                                                                 noise_probability=0.05, p=1),
        "letterpress": lambda: augraphy.Letterpress(n_samples=(200, 400), n_clusters=(200, 400),
                                                    std_range=(1500, 3000), value_range=(180, 255), p=1),
        "mottling": lambda: augraphy.InkMottling(ink_mottling_alpha_range=(0.1, 0.2), p=1),
    }
    return image if effect == "none" else effects[effect]()(image)


def _rotate(image: np.ndarray, degrees: float) -> np.ndarray:
    """The page a little crooked on the glass; the corners uncovered are white like the lid."""
    return np.asarray(Image.fromarray(image).rotate(degrees, Image.BICUBIC, fillcolor=(255, 255, 255)))


def _paper(image: np.ndarray, paper: str, texture: str) -> np.ndarray:
    if paper == "yellowish":
        image = augraphy.ColorPaper(hue_range=(22, 32), saturation_range=(15, 35), p=1)(image)
    elif paper == "grey":
        image = (image.astype(np.float32) * np.random.uniform(0.82, 0.92)).astype(np.uint8)
    if texture == "brightness":
        image = augraphy.BrightnessTexturize(texturize_range=(0.9, 0.99), deviation=0.04, p=1)(image)
    elif texture == "noise":
        image = augraphy.NoiseTexturize(sigma_range=(2, 5), turbulence_range=(2, 4), p=1)(image)
    return image


def _finish(image: np.ndarray, blur_sigma: float, noise: int) -> np.ndarray:
    """Optical blur, then sensor noise (augraphy's SubtleNoise)."""
    if blur_sigma > 0.05:
        image = cv2.GaussianBlur(image, (0, 0), blur_sigma)
    return augraphy.SubtleNoise(subtle_range=noise, p=1)(image)
