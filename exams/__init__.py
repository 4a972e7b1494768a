"""The written examination (สอบข้อเขียน): question bank, exam definitions, timed attempts, scoring, item analysis."""
