<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>LogView</name>
    <message numerus="yes">
        <location filename="../app/qunguan/ui/logview.py" line="122"/>
        <source>The newest %n line(s) of the log.</source>
        <translation>
            <numerusform>The newest %n line of the log.</numerusform>
            <numerusform>The newest %n lines of the log.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <location filename="../app/qunguan/ui/main_window.py" line="763"/>
        <source>%n pending sync</source>
        <translation>
            <numerusform>%n pending sync</numerusform>
            <numerusform>%n pending sync</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../app/qunguan/ui/main_window.py" line="785"/>
        <source>%n open incident(s): open the incident window</source>
        <translation>
            <numerusform>%n open incident: open the incident window</numerusform>
            <numerusform>%n open incidents: open the incident window</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../app/qunguan/ui/main_window.py" line="802"/>
        <source>⚠ %n need attention</source>
        <translation>
            <numerusform>⚠ %n needs attention</numerusform>
            <numerusform>⚠ %n need attention</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../app/qunguan/ui/main_window.py" line="836"/>
        <source>%n case(s) taken offline for three days.</source>
        <translation>
            <numerusform>%n case taken offline for three days.</numerusform>
            <numerusform>%n cases taken offline for three days.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../app/qunguan/ui/main_window.py" line="838"/>
        <source>%n held by others and skipped.</source>
        <translation>
            <numerusform>%n held by others and skipped.</numerusform>
            <numerusform>%n held by others and skipped.</numerusform>
        </translation>
    </message>
</context>
</TS>
