<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../app/qunguan/ui/app.py" line="15"/>
        <source>Qunguan — group moderation</source>
        <translation>群管 — 群组内容审核</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/app.py" line="18"/>
        <source>Qunguan</source>
        <translation>群管</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/app.py" line="23"/>
        <source>Platform: {url}</source>
        <translation>平台：{url}</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/app.py" line="29"/>
        <source>Logged in as {name} ({role}). Open cases: {open}, escalated: {escalated}.</source>
        <translation>已登录：{name}（{role}）。待处理案件：{open}，已升级：{escalated}。</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/app.py" line="35"/>
        <source>Not logged in.</source>
        <translation>未登录。</translation>
    </message>
</context>
</TS>
