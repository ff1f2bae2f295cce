"""Personal names for filling TRAIN templates, and a disjoint set that only evaluation uses.

Why: the TRAIN templates were filled from 22 common English names, and the shipped model treats an unfamiliar name
addressed at the start of a message as a sign of bullying more often than a familiar one. Measured on 2026-12-07 (docs/moderation.md, "Continued run 39"): putting "Mirembe" in front of
208 kind texts from fresh sets 1-37 that open with "you"/"your" raised those not allowed from 9 to 20; "Tom" left
them at 8. The issue's policy says names alone must never make a text harmful, so the templates are filled from
several hundred names of many languages and regions, and `PROBE` (never trained on) measures the effect.
"""

from __future__ import annotations

WORLD = """
Adaeze Chidi Ngozi Emeka Oluwaseun Funmilayo Tunde Yetunde Kofi Abena Kwabena Efua Ama Yaw Akosua Nnamdi Ifeoma
Chiamaka Obinna Uchenna Babajide Folake Sade Temitope Ayodele Wanjiru Kamau Njeri Otieno Achieng Wambui Kiprono
Jepchirchir Makena Baraka Zawadi Imani Neema Juma Halima Amani Tendai Farai Rudo Tatenda Nomvula Sipho Thandiwe
Lerato Bongani Zanele Mpho Kagiso Naledi Themba Ayanda Lindiwe Thabiso Abebe Selam Tigist Dawit Hirut Yonas Meron
Khalid Yusuf Mariam Omar Samira Karim Nour Hassan Rania Tariq Salma Zainab Bilal Huda Faisal Ibrahim
Reza Parisa Dariush Shirin Kian Niloufar Arash Mehmet Elif Emre Zeynep Burak Ayse Cem Deniz Selin Aarav Ananya
Vihaan Diya Rohan Kavya Arjun Ishaan Meera Sanjay Deepa Harpreet Gurpreet Manpreet Jaspreet Anil Sunita Rahul
Pooja Vikram Lakshmi Suresh Divya Nikhil Tanvi Farhan Nusrat Tahmina Rafiq Ayesha Imran Sana Usman Hira Zara
Hiroshi Aiko Haruto Sakura Ren Hana Sota Yui Kaito Mio Jisoo Minjun Seoyeon Jiwoo Hyun Taeyang Wei Xiaoling Jun
Mingyu Lihua Zhen Yan Hao Lan Thanh Linh Minh Quang Ngoc Huong Siti Budi Dewi Putri Agus Ayu Nurul Farah Hakim
Aziz Malia Sione Losa Tevita Mele Kalani Keanu Leilani Moana Aroha Tane Wiremu Mere Nikau Manaia Ximena Mateo
Valentina Santiago Camila Alejandro Lucia Javier Paula Rodrigo Daniela Andres Catalina Joaquin Guadalupe Rafael
Marisol Esteban Yolanda Thiago Beatriz Caio Larissa Joao Gabriela Rocio Ignacio Agnieszka Tomasz Katarzyna Piotr
Magdalena Wojciech Oksana Dmytro Olena Taras Svetlana Nikolai Anastasia Sergei Irina Bogdan Milena Dragan Jelena
Nikola Petra Ondrej Zuzana Lukas Eszter Bence Zsofia Ioana Andrei Mihaela Siobhan Niamh Cillian Saoirse Oisin
Aoife Eilidh Callum Morag Fraser Rhys Cerys Dafydd Sioned Ingrid Lars Astrid Bjorn Freya Sven Sigrid Anders Eero
Aino Miriam Eliezer Shira Yael Avi Noa Moshe Tova Chayton Aiyana Kateri Tala Hania Dakota Winona
""".split()  # noqa: SIM905 (a block of names reads better than a list of quoted strings)

# Only for measuring (training.evaluate's name probe); never used to fill a TRAIN text.
PROBE = """
Chukwuemeka Nkechi Oyelaran Adwoa Kwesi Wairimu Mutua Nyambura Tsitsi Nokuthula Kebede Genet Ghassan Lubna Nasrin
Behrouz Tulay Serkan Chaitanya Anushka Sukhdeep Parveen Tasnim Mahmud Akihiro Chiyo Dong-hyun Eun-ji Xiuying Guang
Phuong Tuan Wayan Ketut Filipo Ana-Lisa Rangi Hinemoa Xochitl Cuauhtemoc Florencia Anselmo Radoslaw Bozena Vasyl
Halyna Ruairi Grainne
""".split()  # noqa: SIM905 (a block of names reads better than a list of quoted strings)
