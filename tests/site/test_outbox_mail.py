"""The development outbox (orbis.mail.OutboxBackend): each message is written to a file in the
outbox and announced by one readable line on the console."""

from django.core.mail import EmailMessage

from orbis.mail import decoded, outbox_line


def test_each_email_is_one_line_on_the_console_and_whole_in_the_outbox(
    settings, tmp_path, capsys, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    settings.EMAIL_BACKEND = "orbis.mail.OutboxBackend"
    settings.EMAIL_FILE_PATH = tmp_path / "var" / "outbox"
    subject = "[Orbis] Confirmez votre adresse e-mail — Gisel Crespo à Rosario"
    EmailMessage(subject, "Bonjour, " * 200, to=["gisel@school.test"]).send()
    EmailMessage("[Orbis] Ваш дайджест", "…", to=["olenka@school.test"]).send()

    lines = capsys.readouterr().out.splitlines()
    files = {f"var/outbox/{file.name}": file for file in (tmp_path / "var" / "outbox").iterdir()}
    assert len(lines) == 2  # not the raw messages
    first, second = (line.rsplit(" — ", 1) for line in lines)
    assert first[0] == f'email to gisel@school.test — "{subject}"'
    assert second[0] == 'email to olenka@school.test — "[Orbis] Ваш дайджест"'
    assert {first[1], second[1]} <= set(files)
    written = "".join(file.read_text() for file in files.values())
    assert "Bonjour, Bonjour" in written and "=?utf-8?" in written  # the whole raw message


def test_encoded_subjects_are_decoded_and_every_recipient_is_named(tmp_path):
    assert (
        decoded("=?utf-8?q?Hola_desde_Orbis_=E2=80=94_Mart=C3=ADn?=") == "Hola desde Orbis — Martín"
    )
    message = EmailMessage(
        "=?utf-8?b?0JLQsNGIINC00LDQudC00LbQtdGB0YI=?=",
        "",
        to=["a@school.test"],
        cc=["b@school.test"],
        bcc=["c@school.test"],
    )
    assert outbox_line(message, tmp_path / "x.log") == (
        f'email to a@school.test, b@school.test, c@school.test — "Ваш дайджест" — '
        f"{tmp_path / 'x.log'}"
    )
