"""``python -m damrong.ocr.build_model [--force]``: build the Thai digit model now.

``make`` runs it so that the first scan of a fresh installation does not
wait half a minute for the model; without it, the first OCR call builds it.
"""
import argparse

from damrong.ocr.digit_model import build, digit_model, model_path


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--force", action="store_true", help="rebuild even if the file exists")
    args = parser.parse_args(argv)
    path = model_path()
    if args.force:
        build().save(path)
    else:
        digit_model()
    print(f"Thai digit model: {path}")


if __name__ == "__main__":
    main()
